//! kino-guard's integration tests, one binary (each file under tests/ would be its own
//! binary): one module per topic. Fixtures stay in tests/fixtures.

mod faces;
mod policy_file;
mod screening;
