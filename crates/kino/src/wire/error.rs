//! OpenAI's error object, `{"error": {"message", "type", "param", "code"}}`: the body of every
//! refused request, and of a batch line's refusal in the batch's error file.
use serde::Serialize;
use utoipa::ToSchema;

/// Every refused request's body: `ErrorResponse` in OpenAI's spec.
#[derive(Debug, Clone, Serialize, PartialEq, ToSchema)]
#[schema(as = ErrorResponse)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, Serialize, PartialEq, ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    pub message: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[schema(required = true)]
    pub param: Option<String>,
    #[schema(required = true)]
    pub code: Option<String>,
}

impl ErrorBody {
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(ErrorEnvelope { error: self.clone() }).expect("error envelope serializes")
    }
}
