-- Users who asked to be forgotten. Their rows are deleted from every table at once; but sessions and
-- diary entries about them may still be on their way (another topic, another partition, a replay), and
-- must not bring them back. So the service remembers that an erasure happened, and when, without keeping
-- the user id: only its SHA-256 hash, which matches the id of an arriving record but cannot be read back
-- into one. Records of an erased user dated before erased_at are dropped; newer ones (the same account
-- used again after the erasure) are kept.
create table erased_users (
    user_hash bytea       primary key check (octet_length(user_hash) = 32),
    erased_at timestamptz not null
);
