//! Request bodies as the document shows them. The handlers read bodies field by field (one
//! parser for JSON and multipart, see `api/body.rs`), so these types exist for the document
//! only; a test below holds each one to the field list its parser accepts.
#![allow(dead_code)] // read by the document generator, never constructed

use utoipa::ToSchema;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{Ref, RefOr};

/// `{"id": "video_…"}`: one of the caller's completed videos.
#[derive(ToSchema)]
#[schema(as = VideoReferenceInputParam)]
pub struct VideoRef {
    pub id: String,
}

/// A reference image by upload id or URL: exactly one of the two.
#[derive(ToSchema)]
#[schema(as = ImageRefParam)]
pub struct ImageRef {
    pub file_id: Option<String>,
    /// `http(s)://…` (public addresses only, unless `--fetch-allow`) or a `data:` URL.
    pub image_url: Option<String>,
}

/// A character to cast: `{"id": "char_…"}`.
#[derive(ToSchema)]
pub struct CharacterRef {
    pub id: String,
}

/// A LoRA of the model to apply: `{"name": "ink", "scale": 0.8}` (`GET /v1/models` lists a
/// model's LoRAs; a missing scale is the one it was configured with).
#[derive(ToSchema)]
pub struct LoraRef {
    pub name: String,
    /// From -4 to 4.
    pub scale: Option<f32>,
}

/// `POST /v1/videos` as JSON.
#[derive(ToSchema)]
#[schema(as = CreateVideoJsonBody)]
pub struct CreateVideoJson {
    /// What to render (1 to 32,000 characters).
    #[schema(min_length = 1, max_length = 32000)]
    pub prompt: String,
    /// Default `sora-2`; `GET /v1/models` lists what this server serves.
    pub model: Option<String>,
    /// `"4"`, `"8"`, `"12"`, `"16"` or `"20"`; default `"4"`.
    pub seconds: Option<String>,
    /// `WIDTHxHEIGHT` the model serves; default `720x1280`.
    pub size: Option<String>,
    /// An image of exactly `size`, used as the first frame.
    pub input_reference: Option<ImageRef>,
    /// Kino and the current API: at most 2 characters, cast when their name is in the prompt.
    pub characters: Option<Vec<CharacterRef>>,
    /// Kino extension: a repeatable clip.
    pub seed: Option<u64>,
    /// Kino extension: at most 4 of the model's LoRAs, by name (SDKs: `extra_body`).
    pub lora: Option<Vec<LoraRef>>,
}

/// `POST /v1/videos` as multipart (what the SDKs send): `input_reference` may be the image
/// itself.
#[derive(ToSchema)]
#[schema(as = CreateVideoMultipartBody)]
pub struct CreateVideoMultipart {
    /// What to render (1 to 32,000 characters).
    #[schema(min_length = 1, max_length = 32000)]
    pub prompt: String,
    /// Default `sora-2`; `GET /v1/models` lists what this server serves.
    pub model: Option<String>,
    /// `"4"`, `"8"`, `"12"`, `"16"` or `"20"`; default `"4"`.
    pub seconds: Option<String>,
    /// `WIDTHxHEIGHT` the model serves; default `720x1280`.
    pub size: Option<String>,
    /// A JPEG, PNG or WebP of exactly `size` (or a reference to one), used as the first frame.
    #[schema(schema_with = image_upload_or_ref)]
    pub input_reference: Option<Vec<u8>>,
    /// Sent as `characters[][id]`: at most 2, cast when their name is in the prompt.
    pub characters: Option<Vec<CharacterRef>>,
    /// Kino extension: a repeatable clip.
    pub seed: Option<u64>,
    /// Kino extension: the JSON array of `LoraRef`s as the field's text.
    pub lora: Option<Vec<LoraRef>>,
}

/// `POST /v1/videos/{video_id}/remix`.
#[derive(ToSchema)]
#[schema(as = CreateVideoRemixBody)]
pub struct RemixBody {
    #[schema(min_length = 1, max_length = 32000)]
    pub prompt: String,
}

/// `POST /v1/videos/edits` (JSON or multipart; as multipart `video` may be an MP4).
#[derive(ToSchema)]
#[schema(as = CreateVideoEditBody)]
pub struct EditBody {
    #[schema(schema_with = video_upload_or_ref)]
    pub video: Vec<u8>,
    #[schema(min_length = 1, max_length = 32000)]
    pub prompt: String,
    /// For an uploaded clip; a video by id keeps its own model.
    pub model: Option<String>,
}

/// `POST /v1/videos/extensions` (JSON or multipart; as multipart `video` may be an MP4).
#[derive(ToSchema)]
#[schema(as = CreateVideoExtendBody)]
pub struct ExtendBody {
    #[schema(schema_with = video_upload_or_ref)]
    pub video: Vec<u8>,
    #[schema(min_length = 1, max_length = 32000)]
    pub prompt: String,
    /// Seconds to add: `"4"` to `"20"`.
    pub seconds: String,
    pub model: Option<String>,
}

/// `POST /v1/videos/characters` (multipart).
#[derive(ToSchema)]
#[schema(as = CreateVideoCharacterBody)]
pub struct CharacterBody {
    /// A short H.264 clip of the subject on a plain, still background.
    #[schema(value_type = String, format = Binary)]
    pub video: Vec<u8>,
    #[schema(min_length = 1, max_length = 80)]
    pub name: String,
}

/// `POST /v1/files` (multipart).
#[derive(ToSchema)]
#[schema(as = CreateFileRequest)]
pub struct FileBody {
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// `assistants`, `batch`, `fine-tune`, `vision`, `user_data` or `evals`.
    pub purpose: String,
    /// `{"anchor": "created_at", "seconds": 3600..2592000}`
    #[schema(value_type = Option<Object>)]
    pub expires_after: Option<serde_json::Value>,
}

/// `POST /v1/batches`.
#[derive(ToSchema)]
#[schema(as = CreateBatchRequest)]
pub struct BatchBody {
    pub input_file_id: String,
    /// `/v1/videos`.
    pub endpoint: String,
    /// `24h`.
    pub completion_window: String,
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub output_expires_after: Option<serde_json::Value>,
}

/// `POST /v1/webhook_endpoints`.
#[derive(ToSchema)]
pub struct WebhookCreateBody {
    pub name: String,
    pub url: String,
    /// Any of `GET /v1/webhook_event_types`.
    pub event_types: Vec<String>,
}

/// `POST /v1/webhook_endpoints/{endpoint_id}`: what it names changes.
#[derive(ToSchema)]
pub struct WebhookUpdateBody {
    pub name: Option<String>,
    pub url: Option<String>,
    pub event_types: Option<Vec<String>>,
}

/// `POST /v1/webhook_endpoints/{endpoint_id}/rotate_secret`.
#[derive(ToSchema)]
pub struct WebhookRotateBody {
    pub keep_old_secret_active_for_24_hours: Option<bool>,
}

/// `POST /v1/webhook_endpoints/{endpoint_id}/test`.
#[derive(ToSchema)]
pub struct WebhookTestBody {
    pub event_type: String,
}

fn binary() -> Schema {
    ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary))).into()
}

fn upload_or(reference: &str) -> RefOr<Schema> {
    RefOr::T(OneOfBuilder::new().item(binary()).item(Ref::from_schema_name(reference)).into())
}

fn image_upload_or_ref() -> RefOr<Schema> {
    upload_or("ImageRefParam")
}

fn video_upload_or_ref() -> RefOr<Schema> {
    upload_or("VideoReferenceInputParam")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::create::Ask;
    use utoipa::PartialSchema;

    fn fields<T: PartialSchema>() -> Vec<String> {
        let schema = serde_json::to_value(T::schema()).unwrap();
        let mut names: Vec<String> = schema["properties"].as_object().unwrap().keys().cloned().collect();
        names.sort();
        names
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        names.sort();
        names
    }

    /// The document shows exactly the fields each parser takes.
    #[test]
    fn bodies_list_the_fields_their_parsers_accept() {
        assert_eq!(fields::<CreateVideoJson>(), sorted(Ask::Create.fields()));
        assert_eq!(fields::<CreateVideoMultipart>(), sorted(Ask::Create.fields()));
        assert_eq!(fields::<RemixBody>(), sorted(Ask::Remix(String::new()).fields()));
        assert_eq!(fields::<EditBody>(), sorted(Ask::Edit.fields()));
        assert_eq!(fields::<ExtendBody>(), sorted(Ask::Extend.fields()));
        assert_eq!(fields::<BatchBody>(), sorted(&crate::api::batch_request::FIELDS));
        assert_eq!(fields::<CharacterBody>(), sorted(&crate::api::characters::FIELDS));
        assert_eq!(fields::<WebhookCreateBody>(), sorted(&crate::api::webhooks::ENDPOINT_FIELDS));
        assert_eq!(fields::<WebhookUpdateBody>(), sorted(&crate::api::webhooks::ENDPOINT_FIELDS));
        assert_eq!(fields::<WebhookRotateBody>(), sorted(&crate::api::webhooks::ROTATE_FIELDS));
        assert_eq!(fields::<WebhookTestBody>(), sorted(&crate::api::webhooks::TEST_FIELDS));
    }
}
