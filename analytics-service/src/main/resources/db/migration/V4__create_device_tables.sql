-- The latest status each device reported, by the gateway's receive time (a Last Will carries the time
-- the device connected, so the device's own time cannot order them).
create table device_statuses (
    device_id   text        primary key,
    state       text        not null,
    firmware    text,
    received_at timestamptz not null
);

-- Faults the devices reported, once each (device id and the device's message counter identify one).
-- firmware is the device's latest known firmware when the fault arrived, null when none was known yet.
create table device_faults (
    device_id text        not null,
    seq       bigint      not null,
    code      text        not null,
    ts        timestamptz not null,
    firmware  text,
    primary key (device_id, seq)
);

create index device_faults_firmware_idx on device_faults (firmware);
