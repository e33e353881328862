-- The image creates the "sessions" database from POSTGRES_DB; each service owns one database.
create database analytics owner massager;
