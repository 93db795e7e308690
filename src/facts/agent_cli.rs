//! Coding agents started from the command line, and the options that make them act without
//! asking: `claude --dangerously-skip-permissions`, `gemini --approval-mode yolo`, `copilot
//! --allow-tool shell`, `amp --dangerously-allow-all`. A table, one row per agent CLI, from each
//! tool's own command-line reference.

/// An agent's command-line program and its options that remove the human.
pub struct AgentCli {
    /// Program names (`claude-code` is how `npx @anthropic-ai/claude-code` runs it).
    pub names: &'static [&'static str],
    /// Options that by themselves turn every confirmation off.
    pub flags: &'static [&'static str],
    /// Options whose value turns confirmation off (`--approval-mode yolo`, `--allow "*"`), written
    /// with a space or `=`.
    pub flag_values: &'static [(&'static str, &'static str)],
}

pub const AGENT_CLIS: &[AgentCli] = &[
    AgentCli {
        names: &["claude", "claude-code"],
        flags: &["--dangerously-skip-permissions"],
        flag_values: &[("--permission-mode", "bypassPermissions")],
    },
    AgentCli {
        names: &["codex"],
        flags: &[
            "--dangerously-bypass-approvals-and-sandbox",
            "--yolo",
            "--full-auto",
        ],
        flag_values: &[("--ask-for-approval", "never"), ("-a", "never")],
    },
    AgentCli {
        names: &["gemini"],
        flags: &["--yolo", "-y"],
        flag_values: &[("--approval-mode", "yolo")],
    },
    AgentCli {
        names: &["copilot"],
        flags: &["--allow-all-tools", "--yolo", "--allow-all"],
        flag_values: &[("--allow-tool", "shell"), ("--allow-tool", "shell(*)")],
    },
    AgentCli {
        names: &["aider"],
        flags: &["--yes-always"],
        flag_values: &[],
    },
    AgentCli {
        names: &["cursor-agent"],
        flags: &["--force", "-f"],
        flag_values: &[],
    },
    AgentCli {
        names: &["amp"],
        flags: &["--dangerously-allow-all"],
        flag_values: &[],
    },
    AgentCli {
        names: &["kiro-cli"],
        flags: &["--trust-all-tools"],
        flag_values: &[],
    },
    AgentCli {
        names: &["cline"],
        flags: &["-y", "--yolo"],
        flag_values: &[],
    },
    AgentCli {
        names: &["cn"],
        flags: &[],
        flag_values: &[("--allow", "*")],
    },
];

/// Which of `words` (the agent's program first, as run) turns its confirmation off: the index of
/// the word to point at, and the option as shown (`--approval-mode yolo`).
pub fn autonomy_option(words: &[&str]) -> Option<(usize, String)> {
    let program = words.first()?;
    let cli = AGENT_CLIS.iter().find(|c| c.names.contains(program))?;
    words.iter().enumerate().skip(1).find_map(|(i, word)| {
        if cli.flags.contains(word) {
            return Some((i, word.to_string()));
        }
        cli.flag_values.iter().find_map(|(flag, value)| {
            let spaced = *word == *flag && words.get(i + 1) == Some(value);
            let joined = word
                .strip_prefix(flag)
                .and_then(|rest| rest.strip_prefix('='))
                == Some(*value);
            (spaced || joined).then(|| (i, format!("{flag} {value}")))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::autonomy_option;

    #[test]
    fn options_that_remove_the_human() {
        let at = |words: &[&str]| autonomy_option(words).map(|(i, _)| i);
        assert_eq!(at(&["gemini", "--approval-mode", "yolo"]), Some(1));
        assert_eq!(at(&["gemini", "--approval-mode=yolo"]), Some(1));
        assert_eq!(at(&["gemini", "--approval-mode", "default"]), None);
        assert_eq!(
            at(&["claude-code", "--dangerously-skip-permissions"]),
            Some(1)
        );
        assert_eq!(at(&["copilot", "--allow-tool", "shell"]), Some(1));
        assert_eq!(at(&["copilot", "--allow-tool", "shell(git:*)"]), None);
        assert_eq!(at(&["cn", "--allow", "*"]), Some(1));
        assert_eq!(at(&["amp", "-x", "--dangerously-allow-all"]), Some(2));
        assert_eq!(at(&["kubectl", "--force"]), None);
        assert_eq!(
            autonomy_option(&["gemini", "--approval-mode", "yolo"]).map(|(_, shown)| shown),
            Some("--approval-mode yolo".to_string())
        );
    }
}
