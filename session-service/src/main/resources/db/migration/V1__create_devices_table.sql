-- Devices provisioned at the factory. The pairing code is printed on the device; only its hash is kept.
create table devices (
    device_id         text        primary key check (device_id ~ '^[A-Za-z0-9][A-Za-z0-9-]{3,63}$'),
    pairing_code_hash text        not null,
    provisioned_at    timestamptz not null default now()
);
