//! kino-preview's integration tests, one binary (each file under tests/ would be its own
//! binary, linking the renderer again): one module per topic.

mod audio;
mod conditioning;
mod engine;
mod places;
mod plan;
mod plan_corpus;
mod render;
