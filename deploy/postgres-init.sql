-- Run once by the postgres container on an empty volume: one database for the newsroom's
-- store, one for the Prefect server, each with its own role. Passwords come from .env
-- (psql variables set by postgres-init.sh), never from this file.
CREATE ROLE translate_pub LOGIN PASSWORD :'translate_pub_password';
CREATE DATABASE translate_pub OWNER translate_pub ENCODING 'UTF8';
CREATE ROLE prefect LOGIN PASSWORD :'prefect_password';
CREATE DATABASE prefect OWNER prefect ENCODING 'UTF8';
