//! How one upstream model is configured: `--upstream ID=URL[,OPTION=VALUE…]` (repeatable,
//! `KINO_UPSTREAMS` separated by `;`) or `[[upstream]]` tables in the models file.
use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

/// The request shape an upstream server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Flavor {
    /// OpenAI's Videos API as written (another Kino): JSON, `size`, `seconds` as a string.
    #[default]
    Openai,
    /// SGLang Diffusion / FastVideo: JSON, `size`, `seconds` as a number, `fps`, `num_frames`.
    Sglang,
    /// vLLM-Omni: multipart form, `width`/`height`, `num_frames`, `fps`.
    VllmOmni,
}

impl Flavor {
    fn parse(s: &str) -> anyhow::Result<Self> {
        match s {
            "openai" | "kino" => Ok(Self::Openai),
            "sglang" | "fastvideo" => Ok(Self::Sglang),
            "vllm-omni" | "vllm" => Ok(Self::VllmOmni),
            other => anyhow::bail!("flavor '{other}': use openai, sglang or vllm-omni"),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct UpstreamSpec {
    pub id: String,
    /// Base URL up to and including `/v1`.
    pub url: String,
    #[serde(default)]
    pub flavor: Flavor,
    pub api_key: Option<String>,
    /// Read the key from this environment variable instead (keeps it out of `ps`).
    pub api_key_env: Option<String>,
    /// The model name the upstream knows (default: the id).
    pub model: Option<String>,
    /// Size to ask the upstream for, landscape (`832x480`); portrait requests get it turned.
    /// Default: the requested size. Kino scales the result to the requested size either way.
    pub size: Option<String>,
    /// The upstream's frame rate, for `num_frames` (default 16 for vllm-omni, 24 otherwise).
    pub fps: Option<u32>,
    /// Round `num_frames` up to 4k+1 (Wan's latent grid; default on for vllm-omni).
    pub frames_4k1: Option<bool>,
    /// Renders at once on this upstream (default 1: most diffusion servers run one at a time).
    pub concurrency: Option<usize>,
    /// Per HTTP call (default 30 s).
    pub request_timeout_s: Option<u64>,
    /// From the upstream job's creation to its MP4 (default 7200 s).
    pub render_timeout_s: Option<u64>,
    /// How long the upstream may be unreachable while polling before the attempt is retried
    /// (default 300 s).
    pub unreachable_timeout_s: Option<u64>,
    /// Largest MP4 accepted, in MB (default 2048).
    pub max_download_mb: Option<u64>,
    /// Whether the upstream model takes a first frame (`input_reference`, and the last frame
    /// an extension continues from). Default: yes for another OpenAI-shaped server (Kino);
    /// for vLLM-Omni and SGLang, yes when the model name says image-to-video (`I2V`, `TI2V`).
    pub references: Option<bool>,
    /// Extra request fields, passed through as given (JSON values where they parse).
    #[serde(default)]
    pub extra: BTreeMap<String, String>,
}

impl UpstreamSpec {
    /// `ID=URL[,key=value…]`; `extra.NAME=VALUE` adds a request field.
    pub fn parse(arg: &str) -> anyhow::Result<Self> {
        let (id, rest) =
            arg.split_once('=').ok_or_else(|| anyhow::anyhow!("--upstream {arg}: expected ID=URL[,OPTION=VALUE…]"))?;
        let mut parts = rest.split(',');
        let mut spec = UpstreamSpec {
            id: id.trim().into(),
            url: parts.next().unwrap_or_default().trim().into(),
            ..Default::default()
        };
        for opt in parts.filter(|p| !p.trim().is_empty()) {
            let (k, v) = opt
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("--upstream {id}: option '{opt}' is not KEY=VALUE"))?;
            let (k, v) = (k.trim(), v.trim());
            let bad = |e: &dyn std::fmt::Display| anyhow::anyhow!("--upstream {id}: {k}={v}: {e}");
            match k {
                "flavor" => spec.flavor = Flavor::parse(v).map_err(|e| bad(&e))?,
                "api_key" => spec.api_key = Some(v.into()),
                "api_key_env" => spec.api_key_env = Some(v.into()),
                "model" => spec.model = Some(v.into()),
                "size" => spec.size = Some(v.into()),
                "fps" => spec.fps = Some(v.parse().map_err(|e| bad(&e))?),
                "frames_4k1" => spec.frames_4k1 = Some(v.parse().map_err(|e| bad(&e))?),
                "concurrency" => spec.concurrency = Some(v.parse().map_err(|e| bad(&e))?),
                "request_timeout_s" => spec.request_timeout_s = Some(v.parse().map_err(|e| bad(&e))?),
                "render_timeout_s" => spec.render_timeout_s = Some(v.parse().map_err(|e| bad(&e))?),
                "unreachable_timeout_s" => spec.unreachable_timeout_s = Some(v.parse().map_err(|e| bad(&e))?),
                "max_download_mb" => spec.max_download_mb = Some(v.parse().map_err(|e| bad(&e))?),
                "references" => spec.references = Some(v.parse().map_err(|e| bad(&e))?),
                k if k.starts_with("extra.") && k.len() > 6 => {
                    spec.extra.insert(k[6..].into(), v.into());
                }
                other => anyhow::bail!(
                    "--upstream {id}: unknown option '{other}' (flavor, api_key, api_key_env, model, size, fps, frames_4k1, concurrency, request_timeout_s, render_timeout_s, unreachable_timeout_s, max_download_mb, references, extra.NAME)"
                ),
            }
        }
        spec.check()?;
        Ok(spec)
    }

    pub fn check(&self) -> anyhow::Result<()> {
        anyhow::ensure!(!self.id.is_empty(), "an upstream model needs an id");
        let url = reqwest::Url::parse(&self.url)
            .map_err(|e| anyhow::anyhow!("upstream {}: url '{}': {e}", self.id, self.url))?;
        anyhow::ensure!(matches!(url.scheme(), "http" | "https"), "upstream {}: url must be http or https", self.id);
        if let Some(size) = &self.size {
            anyhow::ensure!(
                crate::models::parse_size(size).is_some_and(|(w, h)| w > 0 && h > 0),
                "upstream {}: size '{size}' is not WxH",
                self.id
            );
        }
        anyhow::ensure!(self.concurrency.unwrap_or(1) >= 1, "upstream {}: concurrency must be at least 1", self.id);
        if let Some(var) = &self.api_key_env {
            anyhow::ensure!(std::env::var(var).is_ok(), "upstream {}: api_key_env {var} is not set", self.id);
        }
        Ok(())
    }

    pub fn api_key(&self) -> Option<String> {
        self.api_key_env.as_ref().and_then(|v| std::env::var(v).ok()).or_else(|| self.api_key.clone())
    }

    pub fn fps(&self) -> u32 {
        self.fps.unwrap_or(if self.flavor == Flavor::VllmOmni { 16 } else { 24 }).max(1)
    }

    /// See [`UpstreamSpec::references`].
    pub fn takes_reference(&self) -> bool {
        self.references.unwrap_or_else(|| {
            let model = self.model.as_deref().unwrap_or(&self.id).to_ascii_lowercase();
            self.flavor == Flavor::Openai || model.contains("i2v")
        })
    }

    pub fn frames_4k1(&self) -> bool {
        self.frames_4k1.unwrap_or(self.flavor == Flavor::VllmOmni)
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_s.unwrap_or(30).max(1))
    }

    pub fn render_timeout(&self) -> Duration {
        Duration::from_secs(self.render_timeout_s.unwrap_or(7200).max(1))
    }

    pub fn unreachable_timeout(&self) -> Duration {
        Duration::from_secs(self.unreachable_timeout_s.unwrap_or(300))
    }

    pub fn max_download_bytes(&self) -> u64 {
        self.max_download_mb.unwrap_or(2048).saturating_mul(1 << 20)
    }

    /// The upstream's frame count for `seconds` at its rate.
    pub fn num_frames(&self, seconds: u32) -> u32 {
        let n = (seconds * self.fps()).max(1);
        if self.frames_4k1() { (n - 1).div_ceil(4) * 4 + 1 } else { n }
    }

    /// The size to ask for, given the requested one.
    pub fn size_for(&self, width: u32, height: u32) -> (u32, u32) {
        match self.size.as_deref().and_then(crate::models::parse_size) {
            Some((w, h)) => {
                let (long, short) = (w.max(h), w.min(h));
                if width >= height { (long, short) } else { (short, long) }
            }
            None => (width, height),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_and_rejects_bad_ones() {
        let s = UpstreamSpec::parse("wan-remote=http://gpu:8091/v1,flavor=vllm-omni,model=Wan-AI/Wan2.2,size=832x480,extra.num_inference_steps=40").unwrap();
        assert_eq!(
            (s.flavor, s.model.as_deref(), s.fps(), s.frames_4k1()),
            (Flavor::VllmOmni, Some("Wan-AI/Wan2.2"), 16, true)
        );
        assert_eq!(s.extra.get("num_inference_steps").map(String::as_str), Some("40"));
        assert_eq!(s.num_frames(4), 65);
        assert_eq!((s.size_for(1280, 720), s.size_for(720, 1280)), ((832, 480), (480, 832)));
        let plain = UpstreamSpec::parse("k=http://127.0.0.1:9/v1").unwrap();
        assert_eq!((plain.num_frames(4), plain.size_for(720, 1280)), (96, (720, 1280)));
        for bad in [
            "nourl",
            "m=ftp://x/v1",
            "m=http://x/v1,flavor=comfy",
            "m=http://x/v1,colour=red",
            "m=http://x/v1,size=big",
            "m=http://x/v1,concurrency=0",
        ] {
            assert!(UpstreamSpec::parse(bad).is_err(), "{bad}");
        }
    }
}
