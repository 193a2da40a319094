//! Monthly budgets: once a project's usage cost this calendar month (UTC) reaches its
//! `monthly_budget_usd`, requests that would render more are refused with OpenAI's
//! `insufficient_quota` 429 — final, so the SDK is told not to retry it.
use super::auth::Project;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::usage::usd;

const QUOTA_EXCEEDED: &str = "You exceeded your current quota, please check your plan and billing details.";

/// Refuse when `project`'s monthly budget is spent. Call it before reading the request
/// body: a refused request should cost nothing.
pub async fn check_budget(state: &AppState, project: &Project) -> ApiResult<()> {
    let Some(spend) = state.repo.month_spend(&project.0, ids::now_secs()).await? else {
        return Ok(());
    };
    if spend.exhausted() {
        tracing::info!(
            project = %project.0, spent_usd = usd(spend.spent_micro_usd), budget_usd = usd(spend.budget_micro_usd),
            "render refused: monthly budget spent"
        );
        return Err(ApiError::insufficient_quota(format!(
            "{QUOTA_EXCEEDED} This project's monthly budget of ${:.2} is spent (${:.2} used this month).",
            usd(spend.budget_micro_usd),
            usd(spend.spent_micro_usd)
        )));
    }
    Ok(())
}
