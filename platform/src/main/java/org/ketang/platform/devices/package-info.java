/**
 * Classroom devices (集控): recorder agents and displays, enrolled with a one-time code, each bound to a classroom
 * and signed in by its own bearer token ({@link org.ketang.platform.identity.DeviceCredentials}). Other modules ask
 * {@link org.ketang.platform.devices.Devices} which device (and so which classroom) a request comes from.
 */
@NullMarked
package org.ketang.platform.devices;

import org.jspecify.annotations.NullMarked;
