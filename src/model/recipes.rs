//! Following a recipe call (`make destroy`, `npm run db:reset`) from the file that makes it to the
//! task runner's file that defines it.

use crate::facts::recipes::{RecipeCall, RecipeFact};
use crate::model::{FileModel, Workspace};

/// The recipe a call runs: the runner's file in the directory the call works in (the repository
/// root for CI jobs and scripts, or the `-C` / `--prefix` directory), else the only such file.
pub fn resolve<'w>(
    workspace: &'w Workspace,
    call: &RecipeCall,
) -> Option<(&'w FileModel, &'w RecipeFact)> {
    let want = call
        .dir
        .as_deref()
        .map(|d| d.trim_start_matches("./").trim_end_matches('/').to_string())
        .unwrap_or_default();
    let defines = |file: &'w FileModel| {
        file.facts
            .recipes
            .iter()
            .find(|r| r.runner == call.runner && r.name == call.name)
            .map(|r| (file, r))
    };
    let dir_of = |file: &FileModel| {
        file.rel_path
            .rsplit_once('/')
            .map(|(dir, _)| dir.to_string())
            .unwrap_or_default()
    };
    let candidates: Vec<(&FileModel, &RecipeFact)> =
        workspace.files.iter().filter_map(defines).collect();
    candidates
        .iter()
        .find(|(file, _)| dir_of(file) == want)
        .copied()
        .or_else(|| (candidates.len() == 1).then(|| candidates[0]))
}
