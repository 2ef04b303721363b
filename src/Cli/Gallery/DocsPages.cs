using ModelCheck.Engine;
using System.Text.RegularExpressions;

namespace ModelCheck.Cli.Gallery;

/// <summary>
/// The repository's documentation as gallery pages: README.md as readme.html, each docs/ chapter at its
/// path with .html, links between them rewritten to the pages.
/// </summary>
sealed partial class DocsPages
{
    // Source path ('/' separated, relative to the repository) -> its Markdown, in ordinal order.
    readonly SortedDictionary<string, string> chapters;

    DocsPages(SortedDictionary<string, string> chapters) => this.chapters = chapters;

    public static DocsPages Load(string repository)
    {
        var chapters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var readme = Path.Combine(repository, "README.md");
        var docs = Path.Combine(repository, "docs");
        if (!File.Exists(readme) || !Directory.Exists(docs))
            throw new UsageException($"gallery: README.md and docs/ not found in {ErrorText.Path(repository)}: run in the repository root or give --repository DIR");
        chapters["README.md"] = File.ReadAllText(readme);
        foreach (var file in Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories))
            chapters[Path.GetRelativePath(repository, file).Replace('\\', '/')] = File.ReadAllText(file);
        return new DocsPages(chapters);
    }

    /// <summary>The gallery page of a chapter: readme.html for README.md, else the chapter's path with .html.</summary>
    public static string PageOf(string chapter) => chapter == "README.md" ? "readme.html" : chapter[..^".md".Length] + ".html";

    /// <summary>A chapter's first heading; a chapter the repository does not have is an error (a gallery link would lead nowhere).</summary>
    public string Title(string chapter) =>
        chapters.TryGetValue(chapter, out var text)
            ? FirstHeading().Match(text) is { Success: true } m ? m.Groups[1].Value.Replace("`", "") : chapter
            : throw new UsageException($"gallery: the chapter {chapter} is not in the repository");

    public IEnumerable<string> Chapters => chapters.Keys;

    public IEnumerable<(string Page, string Html)> Pages()
    {
        foreach (var (chapter, markdown) in chapters)
        {
            var page = PageOf(chapter);
            var directory = Path.GetDirectoryName(chapter)!.Replace('\\', '/');
            var body = MarkdownHtml.Render(StripTitle(markdown), target => Link(page, directory, target));
            yield return (page, GalleryPage.Render(page, Title(chapter), body));
        }
    }

    // The first heading becomes the page's title; the rest is the body.
    static string StripTitle(string markdown) => FirstHeading().Replace(markdown, "", 1);

    // A link in a chapter, as written (relative to the chapter's directory), to the href of its page; null
    // when the gallery has no page for it (a source file, say), which keeps the link's text only.
    string? Link(string page, string directory, string target)
    {
        if (target.StartsWith('#')) return target;
        int hash = target.IndexOf('#');
        var path = hash < 0 ? target : target[..hash];
        var fragment = hash < 0 ? "" : target[hash..];
        var chapter = Normalise(directory.Length == 0 ? path : directory + "/" + path);
        return chapter is not null && chapters.ContainsKey(chapter) ? GalleryPage.Up(page) + PageOf(chapter) + fragment : null;
    }

    // "docs/maps/../cli.md" -> "docs/cli.md"; null when the path leaves the repository.
    static string? Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..") { if (parts.Count == 0) return null; parts.RemoveAt(parts.Count - 1); }
            else parts.Add(part);
        }
        return string.Join("/", parts);
    }

    [GeneratedRegex(@"^# (.+)\n", RegexOptions.Multiline)]
    private static partial Regex FirstHeading();
}
