//! Following a recipe call (`make destroy`, `npm run db:reset`) from the file that makes it to the
//! task runner's file that defines it.

use crate::facts::recipes::{RecipeCall, RecipeFact};
use crate::model::{FileModel, Workspace};

/// The task runners' files of a workspace, found once: most files define no recipe, and a rule
/// asks about every `npm ci` and `make build` of every CI job.
pub struct RecipeIndex<'w> {
    files: Vec<&'w FileModel>,
}

impl<'w> RecipeIndex<'w> {
    pub fn new(workspace: &'w Workspace) -> Self {
        RecipeIndex {
            files: workspace
                .files
                .iter()
                .filter(|f| !f.facts.recipes.is_empty())
                .collect(),
        }
    }

    /// The recipe a call runs: the runner's file in the directory the call works in (the
    /// repository root for CI jobs and scripts, or the `-C` / `--prefix` directory), else the only
    /// file that defines it.
    pub fn resolve(&self, call: &RecipeCall) -> Option<(&'w FileModel, &'w RecipeFact)> {
        let want = call
            .dir
            .as_deref()
            .map(|d| d.trim_start_matches("./").trim_end_matches('/').to_string())
            .unwrap_or_default();
        let candidates: Vec<(&'w FileModel, &'w RecipeFact)> = self
            .files
            .iter()
            .filter_map(|file| {
                file.facts
                    .recipes
                    .iter()
                    .find(|r| r.runner == call.runner && r.name == call.name)
                    .map(|r| (*file, r))
            })
            .collect();
        let dir_of = |file: &FileModel| {
            file.rel_path
                .rsplit_once('/')
                .map(|(dir, _)| dir.to_string())
                .unwrap_or_default()
        };
        candidates
            .iter()
            .find(|(file, _)| dir_of(file) == want)
            .copied()
            .or_else(|| (candidates.len() == 1).then(|| candidates[0]))
    }
}
