//! Kino's integration tests, in one binary: one link of the server and its dependencies
//! (sqlx, object_store, candle, ...) instead of one per file. Run a file's tests by its
//! module: `cargo test -p kino --test it s3_store::`.
//!
//! Tests that need PostgreSQL (`KINO_TEST_DATABASE_URL`) or S3 (`KINO_TEST_S3_ENDPOINT`,
//! `KINO_TEST_S3_BUCKET`) skip with a note without them, and fail in CI (`common::require`).
mod common;

mod bad_input;
mod batches_api;
mod cli;
mod cli_output;
mod crash_recovery;
mod derived_videos;
mod events;
mod files_api;
mod guardrails;
mod job_lifecycle;
mod metrics_addr;
mod multi_process;
mod openapi;
mod projects;
mod repo_contract;
mod s3_store;
mod upstream;
mod usage;
mod videos_api;
mod wan_engine;
mod webhooks;
