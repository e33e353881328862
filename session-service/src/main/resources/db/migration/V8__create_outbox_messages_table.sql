-- The transactional outbox: records written in the same transaction as the state they describe, and
-- sent to Kafka in id order by the relay, which deletes them once Kafka acknowledged them.
create table outbox_messages (
    id          bigint      generated always as identity primary key,
    topic       text        not null,
    message_key text        not null,
    payload     bytea       not null,
    created_at  timestamptz not null default now()
);
