-- Who a device was paired to, and when: the whole history, so that a session belongs to the user the
-- device was paired to when the session started, even when its data arrives after an unpairing.
create table device_pairings (
    device_id   text        not null references devices on delete cascade,
    user_id     text        not null references users on delete cascade,
    paired_at   timestamptz not null,
    unpaired_at timestamptz,
    primary key (device_id, paired_at),
    check (unpaired_at is null or unpaired_at >= paired_at)
);

-- A device has at most one current owner.
create unique index device_pairings_current on device_pairings (device_id) where unpaired_at is null;

create index device_pairings_by_user on device_pairings (user_id);
