//! `models`: the models served beside the built-in ones (Wan checkpoints, other video
//! servers); `crate::models::registry` builds the table from this.
use std::path::PathBuf;

use clap::Args;

/// Open-weights models served beside the built-in ones.
#[derive(Debug, Clone, Default, Args)]
pub struct ModelsConfig {
    /// Serve a Wan checkpoint (diffusers format): `ID=DIR[,dtype=f32|bf16][,device=cpu|cuda:N]
    /// [,steps=N][,guidance=G][,long_side=PX][,max_frames=N][,offload_text_encoder=true]`.
    /// Repeatable; in the environment, separate models with `;`.
    #[arg(
        id = "model_spec",
        long = "model",
        value_name = "ID=DIR[,OPTION=VALUE...]",
        env = "KINO_MODELS",
        value_delimiter = ';'
    )]
    pub models: Vec<String>,
    /// Serve a model rendered by another video server (vLLM-Omni, SGLang Diffusion, FastVideo,
    /// another Kino): `ID=URL[,flavor=openai|sglang|vllm-omni][,model=NAME][,api_key_env=VAR]
    /// [,size=WxH][,fps=N][,concurrency=N][,render_timeout_s=S][,extra.FIELD=VALUE]…`, URL up to
    /// `/v1`. Repeatable; in the environment, separate them with `;`.
    #[arg(
        id = "upstream_spec",
        long = "upstream",
        value_name = "ID=URL[,OPTION=VALUE...]",
        env = "KINO_UPSTREAMS",
        value_delimiter = ';'
    )]
    pub upstreams: Vec<String>,
    /// The same as a TOML file: `[[model]]` tables with `id`, `path` and the options above,
    /// `[[upstream]]` tables with `id`, `url` and the upstream options.
    #[arg(id = "models_file", long = "models-file", value_name = "FILE", env = "KINO_MODELS_FILE")]
    pub file: Option<PathBuf>,
}
