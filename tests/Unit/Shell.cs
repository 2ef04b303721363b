using System.Text.RegularExpressions;

namespace ModelCheck.Tests.Unit;

/// <summary>Shell command lines quoted in the repository's examples and docs, split the way a shell would split them.</summary>
static class Shell
{
    /// <summary>Words of one shell command, quotes removed, up to the first ||, &amp;&amp; or ; (what runs after is another command).</summary>
    public static List<string> Words(string shell)
    {
        var words = new List<string>();
        foreach (Match m in Regex.Matches(shell, @"'([^']*)'|""([^""]*)""|(\S+)"))
        {
            var word = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            if (m.Groups[3].Success && word is "||" or "&&" or ";") break;
            words.Add(word);
        }
        return words;
    }
}
