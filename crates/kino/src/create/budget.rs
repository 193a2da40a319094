//! Monthly budgets: once a project's usage cost this calendar month (UTC) reaches its
//! `monthly_budget_usd`, requests that would render more are refused (OpenAI's
//! `insufficient_quota`: final, so the SDK is told not to retry it).
use super::error::{CreateError, CreateResult};
use crate::app::AppState;
use crate::ids;
use crate::usage::usd;

const QUOTA_EXCEEDED: &str = "You exceeded your current quota, please check your plan and billing details.";

/// Refuse when `project`'s monthly budget is spent. Call it before reading the request
/// body: a refused request should cost nothing.
pub async fn check(state: &AppState, project: &str) -> CreateResult<()> {
    let Some(spend) = state.repo.month_spend(project, ids::now_secs()).await? else {
        return Ok(());
    };
    if spend.exhausted() {
        tracing::info!(
            project = %project, spent_usd = usd(spend.spent_micro_usd), budget_usd = usd(spend.budget_micro_usd),
            "render refused: monthly budget spent"
        );
        return Err(CreateError::QuotaExceeded(format!(
            "{QUOTA_EXCEEDED} This project's monthly budget of ${:.2} is spent (${:.2} used this month).",
            usd(spend.budget_micro_usd),
            usd(spend.spent_micro_usd)
        )));
    }
    Ok(())
}
