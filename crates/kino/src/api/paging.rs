//! Cursor paging parameters shared by every list endpoint (`limit`, `order`).
use super::error::{ApiError, ApiResult};
use crate::repo::ListOrder;

/// `limit` within `min..=max`.
pub fn limit(value: &str, min: u32, max: u32) -> ApiResult<u32> {
    value.parse::<u32>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| {
        ApiError::invalid_value(
            "limit",
            format!("Invalid 'limit': expected an integer between {min} and {max}, but got '{value}'."),
        )
    })
}

/// `order`: `asc` or `desc`.
pub fn order(value: &str) -> ApiResult<ListOrder> {
    match value {
        "asc" => Ok(ListOrder::Asc),
        "desc" => Ok(ListOrder::Desc),
        _ => Err(ApiError::invalid_value(
            "order",
            format!("Invalid value: '{value}'. Supported values are: 'asc' and 'desc'."),
        )),
    }
}
