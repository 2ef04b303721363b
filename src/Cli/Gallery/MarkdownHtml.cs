using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelCheck.Cli.Gallery;

/// <summary>
/// Renders the repository's Markdown chapters (README.md, docs/) as HTML for the gallery, so they read
/// offline beside the pages that link them. It knows the subset the chapters use: headings (with
/// GitHub's anchors, so links into them keep working), paragraphs, lists (nested by indentation), tables,
/// fenced code, `code`, **bold**, *emphasis* and links. A link to another chapter is rewritten to its
/// page; a relative link the gallery has no page for keeps its text only.
/// </summary>
public static partial class MarkdownHtml
{
    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Anchor(string heading) =>
        NotInAnchor().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');

    /// <param name="markdown">the chapter</param>
    /// <param name="link">maps a relative link target (path and fragment, as written) to the href of its gallery page, or null when there is none</param>
    public static string Render(string markdown, Func<string, string?> link)
    {
        var html = new StringBuilder();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        Blocks(markdown.ReplaceLineEndings("\n").Split('\n'), html, anchors, link);
        return html.ToString();
    }

    static void Blocks(IReadOnlyList<string> lines, StringBuilder html, HashSet<string> anchors, Func<string, string?> link)
    {
        int i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0) { i++; continue; }
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                int indent = line.Length - trimmed.Length;
                var code = new List<string>();
                for (i++; i < lines.Count && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                    code.Add(lines[i].Length >= indent && lines[i][..indent].Trim().Length == 0 ? lines[i][indent..] : lines[i].TrimStart());
                i++;
                html.Append("<pre><code>").Append(Encode(string.Join("\n", code))).Append("</code></pre>\n");
            }
            else if (Heading().Match(line) is { Success: true } heading)
            {
                int level = heading.Groups[1].Length;
                var text = heading.Groups[2].Value.Trim();
                var anchor = Anchor(text);
                var unique = anchor;
                for (int n = 1; !anchors.Add(unique); n++) unique = $"{anchor}-{n}";
                html.Append($"<h{level} id=\"").Append(Encode(unique)).Append("\">").Append(Inline(text, link)).Append($"</h{level}>\n");
                i++;
            }
            else if (trimmed.StartsWith('|'))
            {
                var rows = new List<string>();
                for (; i < lines.Count && lines[i].TrimStart().StartsWith('|'); i++) rows.Add(lines[i].Trim());
                Table(rows, html, link);
            }
            else if (ListItem().IsMatch(line))
                i = List(lines, i, html, anchors, link);
            else
            {
                var paragraph = new List<string>();
                for (; i < lines.Count && lines[i].Trim().Length > 0 && !StartsBlock(lines[i]); i++) paragraph.Add(lines[i].Trim());
                html.Append("<p>").Append(Inline(string.Join("\n", paragraph), link)).Append("</p>\n");
            }
        }
    }

    static bool StartsBlock(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("```", StringComparison.Ordinal) || Heading().IsMatch(line) || trimmed.StartsWith('|') || ListItem().IsMatch(line);
    }

    // A list: items at the first item's indentation; an item's further lines (indented deeper, blank lines
    // between them included) are its content, rendered as blocks of their own.
    static int List(IReadOnlyList<string> lines, int i, StringBuilder html, HashSet<string> anchors, Func<string, string?> link)
    {
        int indent = lines[i].Length - lines[i].TrimStart().Length;
        html.Append("<ul>\n");
        while (i < lines.Count && ListItem().Match(lines[i]) is { Success: true } item && item.Groups[1].Length == indent)
        {
            int contentIndent = indent + item.Groups[2].Length + 1;
            var content = new List<string> { item.Groups[3].Value };
            for (i++; i < lines.Count; i++)
            {
                var next = lines[i];
                if (next.Trim().Length == 0)
                {
                    // A blank line stays inside the item only when the item goes on after it.
                    int after = i + 1;
                    while (after < lines.Count && lines[after].Trim().Length == 0) after++;
                    if (after < lines.Count && Indentation(lines[after]) >= contentIndent) { content.Add(""); continue; }
                    break;
                }
                int nextIndent = Indentation(next);
                if (nextIndent <= indent && (ListItem().IsMatch(next) || StartsBlock(next) || content[^1].Length == 0)) break;
                content.Add(nextIndent >= contentIndent ? next[contentIndent..] : next.TrimStart());
            }
            var inner = new StringBuilder();
            Blocks(content, inner, anchors, link);
            var text = inner.ToString();
            // A one-paragraph item needs no <p>.
            if (text.StartsWith("<p>", StringComparison.Ordinal) && text.IndexOf("<p>", 1, StringComparison.Ordinal) < 0 && text.EndsWith("</p>\n", StringComparison.Ordinal) && !text.Contains("<pre>"))
                text = text[3..^5];
            html.Append("<li>").Append(text.TrimEnd('\n')).Append("</li>\n");
            while (i < lines.Count && lines[i].Trim().Length == 0 && i + 1 < lines.Count && ListItem().Match(lines[i + 1]) is { Success: true } again && again.Groups[1].Length == indent) i++;
        }
        html.Append("</ul>\n");
        return i;
    }

    static int Indentation(string line) => line.Length - line.TrimStart().Length;

    static void Table(List<string> rows, StringBuilder html, Func<string, string?> link)
    {
        html.Append("<table>\n");
        for (int r = 0; r < rows.Count; r++)
        {
            if (r == 1 && TableRule().IsMatch(rows[r])) continue;
            var cells = Cells(rows[r]);
            var tag = r == 0 ? "th" : "td";
            html.Append("<tr>");
            foreach (var cell in cells) html.Append('<').Append(tag).Append('>').Append(Inline(cell.Trim(), link)).Append("</").Append(tag).Append('>');
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    // A row's cells: split at | outside code spans (a cell may quote `sc|tso|ra`) and not escaped as \|.
    static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool code = false;
        for (int k = 1; k < row.Length; k++)
        {
            char c = row[k];
            if (c == '`') code = !code;
            if (c == '\\' && k + 1 < row.Length && row[k + 1] == '|') { cell.Append('|'); k++; continue; }
            if (c == '|' && !code) { cells.Add(cell.ToString()); cell.Clear(); continue; }
            cell.Append(c);
        }
        if (cell.ToString().Trim().Length > 0) cells.Add(cell.ToString());
        return cells;
    }

    static string Inline(string text, Func<string, string?> link)
    {
        var html = new StringBuilder();
        int at = 0;
        foreach (Match m in CodeOrLink().Matches(text))
        {
            html.Append(Emphasis(text[at..m.Index]));
            if (m.Groups["code"].Success) html.Append("<code>").Append(Encode(m.Groups["code"].Value)).Append("</code>");
            else
            {
                var target = m.Groups["target"].Value;
                var href = Scheme().IsMatch(target) ? target : link(target);
                var inner = Inline(m.Groups["text"].Value, link);
                html.Append(href is null ? inner : $"<a href=\"{Encode(href)}\">{inner}</a>");
            }
            at = m.Index + m.Length;
        }
        html.Append(Emphasis(text[at..]));
        return html.ToString();
    }

    static string Emphasis(string text) =>
        Italic().Replace(Bold().Replace(Encode(text), "<strong>$1</strong>"), "<em>$1</em>");

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"[^\p{L}\p{Mn}\p{Nd}\p{Pc} -]")]
    private static partial Regex NotInAnchor();

    [GeneratedRegex(@"^(#{1,6}) (.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^( *)([-*]) (.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\|[\s:|-]+\|?$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"`(?<code>[^`]+)`|\[(?<text>(?:[^\]`]|`[^`]*`)+)\]\((?<target>[^)\s]+)\)")]
    private static partial Regex CodeOrLink();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"\*\*([^*\n]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*([^*\s][^*\n]*?)\*(?![\w*])")]
    private static partial Regex Italic();
}
