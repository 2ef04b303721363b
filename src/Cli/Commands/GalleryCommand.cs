using System.CommandLine;
using ModelCheck.Cli.Gallery;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck gallery DIR [--repository ROOT]`: writes the gallery, a static site to browse offline: an
/// index of every model, each seeded bug with its minimised trace drawn as an HTML report, what the bug is
/// and which check catches it, the pages grouped by topic, the litmus catalogue with its outcomes, and the
/// docs. It reads the committed traces and the docs from the repository (the current directory unless
/// --repository says otherwise). The same repository gives the same bytes.
/// </summary>
public static class GalleryCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var directory = new Argument<string>("dir") { Description = "the directory to write the site into (created if missing)" };
        var repository = new Option<string>("--repository") { Description = "the repository root, for the committed traces and the docs (default: the current directory)", DefaultValueFactory = _ => "." };
        var command = new Command("gallery", "write a static site of every model's seeded bugs, traces, litmus tests and docs") { directory, repository };
        command.SetAction(parse =>
        {
            var output = parse.GetValue(directory)!;
            OutputPaths.Directory(output, "gallery");
            var pages = GallerySite.Build(ScenarioSource.Load(null), parse.GetValue(repository)!);
            foreach (var (path, html) in pages)
            {
                var file = Path.Combine(output, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                AtomicFile.Write(file, html);
            }
            console.Out.WriteLine($"gallery   {pages.Count} pages in {output}, open {Path.Combine(output, "index.html")}");
            return CommandLine.Ok;
        });
        return command;
    }
}
