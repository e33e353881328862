package dev.massager.simulator.device;

import dev.massager.simulator.fleet.VirtualDevice;
import java.time.Instant;

/**
 * What a device remembers between sessions: its message counter, which only goes up (across reboots too), and its
 * battery. Not thread-safe: one device is driven by one thread at a time.
 */
public final class DeviceMemory {

    /** Counter values per second of true time: room for the events and the sample of one second. */
    private static final int SEQ_PER_SECOND = 8;

    private final VirtualDevice device;
    private long lastSeq;
    private double battery = 100;

    public DeviceMemory(VirtualDevice device) {
        this.device = device;
    }

    public VirtualDevice device() {
        return device;
    }

    /**
     * The counter of a message sent at {@code now}: derived from the time so that separate runs of the simulator keep
     * it increasing, and never below the last one.
     */
    long nextSeq(Instant now) {
        long fromTime = now.getEpochSecond() * SEQ_PER_SECOND;
        lastSeq = Math.max(fromTime, lastSeq + 1);
        return lastSeq;
    }

    /** What the device's clock says at true time {@code now}. */
    Instant clock(Instant now) {
        return now.plus(device.clockError());
    }

    int battery() {
        return (int) Math.floor(battery);
    }

    void drain(double percent) {
        battery = Math.max(0, battery - percent);
    }

    /** Charged overnight when it was low, as most people do. */
    void charge() {
        battery = 100;
    }
}
