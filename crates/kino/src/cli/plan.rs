//! `kino plan`: the preview engine's scene plan for a prompt, as JSON.
use clap::Args;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The prompt to plan.
    pub prompt: String,
    /// A JSON vocabulary file whose words extend (and override) the built-in ones.
    #[arg(long, env = "KINO_VOCABULARY")]
    pub vocabulary: Option<std::path::PathBuf>,
}

pub fn run(args: PlanArgs) -> anyhow::Result<()> {
    let vocabulary = match &args.vocabulary {
        None => kino_preview::Vocabulary::default(),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let extra =
                kino_preview::Vocabulary::from_json(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let vocabulary = kino_preview::Vocabulary::default().extend(extra);
            for problem in vocabulary.validate() {
                eprintln!("warning: {}: {problem}", path.display());
            }
            vocabulary
        }
    };
    println!("{}", kino_preview::plan_with(&args.prompt, &vocabulary).to_json_pretty());
    Ok(())
}
