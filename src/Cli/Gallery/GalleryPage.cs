using System.Net;
using System.Text;

namespace ModelCheck.Cli.Gallery;

/// <summary>
/// The frame of every gallery page but the trace reports (which are the HTML report's own pages): inline
/// style, no script, a navigation bar, and links written relative to the page so the site works from
/// any directory, over file:// too.
/// </summary>
static class GalleryPage
{
    /// <param name="path">the page's path inside the site, '/' separated</param>
    public static string Render(string path, string title, string body)
    {
        var up = Up(path);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title)).Append(" · ModelCheck gallery</title>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<nav><a href=\"").Append(up).Append("index.html\">Gallery</a> <a href=\"").Append(up).Append("index.html#topics\">Topics</a> <a href=\"")
            .Append(up).Append("index.html#models\">Models</a> <a href=\"").Append(up).Append("litmus.html\">Litmus tests</a> <a href=\"")
            .Append(up).Append("readme.html\">Documentation</a></nav>\n<main>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        html.Append(body);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The relative prefix from <paramref name="path"/>'s directory back to the site's root ("", "../", ...).</summary>
    public static string Up(string path) => string.Concat(Enumerable.Repeat("../", path.Count(c => c == '/')));

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A link to <paramref name="target"/> (a site path) from the page at <paramref name="from"/>.</summary>
    public static string Link(string from, string target, string text) =>
        $"<a href=\"{Encode(Up(from) + target)}\">{Encode(text)}</a>";

    const string Style = """
        body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #fbfbfd; }
        nav { background: #243b55; padding: 8px 24px; }
        nav a { color: #fff; margin-right: 18px; text-decoration: none; font-weight: 600; }
        main { max-width: 1100px; margin: 0 auto; padding: 8px 24px 48px; }
        h1 { font-size: 26px; margin: 18px 0 8px; }
        h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 1px solid #d6dbe4; }
        h3 { font-size: 16px; margin: 20px 0 6px; }
        code, pre { font: 13px/1.4 ui-monospace, monospace; }
        code { background: #eef1f6; padding: 0 3px; border-radius: 3px; }
        pre { background: #f1f3f7; border: 1px solid #d6dbe4; padding: 10px; overflow-x: auto; }
        pre code { background: none; padding: 0; }
        td pre { max-width: 860px; margin: 0; }
        table { border-collapse: collapse; margin: 10px 0; }
        th, td { border: 1px solid #d6dbe4; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #eef1f6; }
        .kind { font-weight: 600; color: #a02c2c; white-space: nowrap; }
        .pass { font-weight: 600; color: #2c7a3f; }
        .card { background: #fff; border: 1px solid #d6dbe4; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
        .note { color: #5a6478; }
        """;
}
