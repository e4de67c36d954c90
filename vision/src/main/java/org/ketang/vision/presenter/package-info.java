/**
 * Follows the presenter in the wide teacher camera: {@link org.ketang.vision.presenter.PresenterTracker} locks onto
 * a person who moves in the teaching area and keeps them through pauses, turns to the board and brief occlusions,
 * while flicker, slid boards, lighting and people passing at the edge are ignored.
 */
package org.ketang.vision.presenter;
