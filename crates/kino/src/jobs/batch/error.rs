//! Why a pass of the batch driver stopped: the database or the store failed. The pass is
//! redone from what the database says.
use crate::repo::RepoError;
use crate::storage::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error(transparent)]
    Repo(#[from] RepoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
