using System.Text.RegularExpressions;
using ModelCheck.Engine;

namespace ModelCheck.Coyote;

/// <summary>
/// Our bugs as Coyote assertion messages, and back: "[assertion] an increment was lost (step 7, task
/// 'task1')". Coyote keeps only the text, so the kind travels as its kebab-case name in brackets.
/// </summary>
public static partial class CoyoteBugText
{
    /// <summary>The prefix of the message Coyote reports for a scenario that does not apply under it.</summary>
    public const string NotApplicable = "[not-applicable]";

    public static string Format(Bug bug) => $"[{bug.Kind.ToName()}] {bug.Message} (step {bug.Step})";

    /// <summary>The bug kind a Coyote bug report names, or null when the report is not one of ours (a Coyote-detected deadlock, say).</summary>
    public static BugKind? KindOf(string report)
    {
        var match = Prefix().Match(report);
        return match.Success && BugKindNames.TryParse(match.Groups[1].Value, out var kind) ? kind : null;
    }

    [GeneratedRegex(@"\[([a-z-]+)\] ")]
    private static partial Regex Prefix();
}
