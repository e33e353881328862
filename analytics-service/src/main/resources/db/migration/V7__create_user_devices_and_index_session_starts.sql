-- The devices that ran each user's sessions, kept beside the sessions: whether a user's device data is complete
-- depends on those devices' statuses, and the cohort asks that for every user at once. Deriving the pairs from
-- sessions on each request meant reading the whole table.
create table user_devices (
    user_id   text not null,
    device_id text not null,
    primary key (user_id, device_id)
);

insert into user_devices (user_id, device_id) select distinct user_id, device_id from sessions;

-- The cohort's usage figures read the sessions of a range of nights by when they started.
create index sessions_started_at_idx on sessions (started_at);
