package org.ketang.recorder;

public final class Main {
    public static void main(String[] args) {
    }
}
