-- The latest presence each device reported (massager.device-status.v1), provisioned or not.
create table device_statuses (
    device_id   text        primary key,
    state       text        not null check (state in ('ONLINE', 'OFFLINE')),
    firmware    text,
    reported_at timestamptz not null,
    received_at timestamptz not null
);
