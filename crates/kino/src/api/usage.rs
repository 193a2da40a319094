//! `GET /v1/usage/videos` (a Kino extension): the caller's project's video usage and cost,
//! summed per group. `since`/`until` take unix seconds or `YYYY-MM-DD` (UTC; a day given as
//! `until` counts in full); `group_by` any of model, size, day, batch (comma-separated or
//! repeated; default model,size,day).
use axum::Json;
use axum::extract::{Extension, RawQuery, State};

use super::auth::Project;
use super::error::{ApiError, ApiResult};
use crate::app::AppState;
use crate::create::validate::quote_list;
use crate::repo::{UsageFilter, UsageGroup};
use crate::usage::dates::{self, Bound};
use crate::usage::report::UsageReport;
use crate::wire::ErrorEnvelope;

pub const DEFAULT_GROUP_BY: [UsageGroup; 3] = [UsageGroup::Model, UsageGroup::Size, UsageGroup::Day];

#[utoipa::path(
    get,
    path = "/v1/usage/videos",
    tag = "Usage",
    operation_id = "videoUsage",
    summary = "Cost and seconds of the project's completed videos (Kino extension)",
    params(("since" = Option<String>, Query, description = "Unix seconds or YYYY-MM-DD (UTC)"), ("until" = Option<String>, Query, description = "Unix seconds or YYYY-MM-DD (UTC)"), ("group_by" = Option<String>, Query, description = "Any of `model,size,day,batch`")),
    responses((status = 200, description = "The report", body = UsageReport), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn videos(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<UsageReport>> {
    let q = UsageQuery::parse(query.as_deref().unwrap_or(""))?;
    let month = state.repo.month_spend(&project.0, crate::ids::now_secs()).await?;
    let filter = UsageFilter { project: Some(project.0), since: q.since, until: q.until };
    let buckets = state.repo.usage(&filter, &q.group_by).await?;
    Ok(Json(UsageReport::new(buckets).with_budget(month)))
}

#[derive(Debug)]
struct UsageQuery {
    since: Option<i64>,
    until: Option<i64>,
    group_by: Vec<UsageGroup>,
}

impl UsageQuery {
    fn parse(raw: &str) -> ApiResult<Self> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw).map_err(|_| ApiError::bad_request("Malformed query string."))?;
        let mut q = UsageQuery { since: None, until: None, group_by: Vec::new() };
        let mut grouped = false;
        for (key, value) in pairs {
            match key.as_str() {
                "since" => q.since = Some(bound("since", &value, Bound::Since)?),
                "until" => q.until = Some(bound("until", &value, Bound::Until)?),
                "group_by" | "group_by[]" => {
                    grouped = true;
                    for name in value.split(',').map(str::trim) {
                        q.group_by.push(UsageGroup::parse(name).ok_or_else(|| bad_group(name))?);
                    }
                }
                _ => {}
            }
        }
        if !grouped {
            q.group_by = DEFAULT_GROUP_BY.to_vec();
        }
        if let (Some(since), Some(until)) = (q.since, q.until)
            && until < since
        {
            return Err(ApiError::invalid_value(
                "until",
                format!("Invalid 'until': it is before 'since' ({until} < {since} in unix seconds)."),
            ));
        }
        Ok(q)
    }
}

fn bound(param: &str, value: &str, which: Bound) -> ApiResult<i64> {
    dates::parse(value, which).ok_or_else(|| {
        ApiError::invalid_value(
            param,
            format!("Invalid '{param}': expected unix seconds or a date as YYYY-MM-DD, but got '{value}'."),
        )
    })
}

fn bad_group(name: &str) -> ApiError {
    let names: Vec<&str> = UsageGroup::ALL.iter().map(|g| g.as_str()).collect();
    ApiError::invalid_value("group_by", format!("Invalid 'group_by': '{name}' is not one of {}.", quote_list(&names)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_defaults_and_lists() {
        let q = UsageQuery::parse("").unwrap();
        assert_eq!(q.group_by, DEFAULT_GROUP_BY.to_vec());
        assert_eq!((q.since, q.until), (None, None));
        let q = UsageQuery::parse("group_by=batch,model&group_by[]=day&since=2025-01-01&until=2025-01-31").unwrap();
        assert_eq!(q.group_by, vec![UsageGroup::Batch, UsageGroup::Model, UsageGroup::Day]);
        assert_eq!(q.since, Some(1_735_689_600));
        assert_eq!(q.until, Some(1_738_368_000));
    }

    #[test]
    fn bad_values_name_their_param() {
        for (raw, param) in [
            ("since=tomorrow", "since"),
            ("until=2025-02-30", "until"),
            ("group_by=model,colour", "group_by"),
            ("group_by=", "group_by"),
            ("since=200&until=100", "until"),
        ] {
            let err = UsageQuery::parse(raw).unwrap_err();
            assert_eq!(err.status, 400, "{raw}");
            assert_eq!(err.param.as_deref(), Some(param), "{raw}");
        }
    }
}
