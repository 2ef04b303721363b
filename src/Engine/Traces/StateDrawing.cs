using System.Text;

namespace ModelCheck.Engine;

/// <summary>What a drawn part of a state means, which decides its colour.</summary>
public enum Tone
{
    Plain,
    /// <summary>Nothing in it yet, or emptied: drawn faint.</summary>
    Empty,
    /// <summary>An old bucket or bin whose entries have moved to the new array (Go's evacuated buckets).</summary>
    Evacuated,
    /// <summary>A forwarding node: the bin has moved to the next table (Java's ConcurrentHashMap).</summary>
    Forwarded,
    /// <summary>A deleted entry marked so that the dirty map leaves it out (sync.Map's expunged).</summary>
    Expunged,
    /// <summary>Unlinked or about to be (a trie node marked dead).</summary>
    Dead,
    /// <summary>Held by a task: a locked node, a store still in a task's buffer.</summary>
    Held,
    /// <summary>What the story is about at this step: the iterator's bucket, the message a view points at.</summary>
    Marked,
}

/// <summary>
/// A model's state as a picture rather than text: panels (an array, a table, memory) of rows, each row a
/// chain of boxes with slots, plus arrows between boxes (an old bucket to where its entries went) or
/// from a box to a panel (a forwarding node to the next table). The engine lays it out as SVG for the
/// HTML report's slider (<see cref="StateDrawingSvg"/>) and prints it as text for snapshots
/// (<see cref="ToText"/>), so a picture is tested without screenshots. Box ids are unique in a drawing.
/// </summary>
public sealed record StateDrawing(IReadOnlyList<string> Caption, IReadOnlyList<DrawnPanel> Panels, IReadOnlyList<DrawnArrow> Arrows)
{
    /// <summary>The drawing as lines: captions, then each panel's rows (boxes, slots, tones, markers), then the arrows.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var line in Caption) text.Append(line).Append('\n');
        foreach (var panel in Panels)
        {
            text.Append("== ").Append(panel.Title).Append(" ==\n");
            foreach (var row in panel.Rows)
            {
                text.Append("  ").Append(row.Label).Append(':');
                for (int i = 0; i < row.Boxes.Count; i++)
                {
                    var box = row.Boxes[i];
                    text.Append(i == 0 ? " " : " -> ").Append(box.Id).Append(box.Tone == Tone.Plain ? "" : $" ({ToneName(box.Tone)})").Append(" [");
                    text.Append(string.Join(" | ", box.Slots.Select(SlotText))).Append(']');
                }
                foreach (var marker in row.Markers) text.Append("  <- ").Append(marker);
                text.Append('\n');
            }
        }
        foreach (var arrow in Arrows)
            text.Append("arrow ").Append(arrow.From).Append(" -> ").Append(arrow.To).Append(arrow.Label.Length > 0 ? $" ({arrow.Label})" : "")
                .Append(arrow.Tone == Tone.Plain ? "" : $" {ToneName(arrow.Tone)}").Append('\n');
        return text.ToString();
    }

    static string SlotText(DrawnSlot slot) =>
        slot.Text + (slot.Tone == Tone.Plain ? "" : $" ({ToneName(slot.Tone)})") + (slot.Markers.Count == 0 ? "" : $" {{{string.Join(", ", slot.Markers)}}}");

    internal static string ToneName(Tone tone) => tone.ToString().ToLowerInvariant();
}

/// <summary>One part of a drawn state: a bucket array, a table, a task's store buffer. <paramref name="Id"/> is what arrows to the whole panel name.</summary>
public sealed record DrawnPanel(string Id, string Title, IReadOnlyList<DrawnRow> Rows);

/// <summary>A row: its label (an index), a chain of boxes (a bucket and its overflow buckets), and markers after it ("nevacuate").</summary>
public sealed record DrawnRow(string Label, IReadOnlyList<DrawnBox> Boxes, IReadOnlyList<string> Markers);

/// <summary>A box (a bucket, a bin, a node) with its slots; <paramref name="Id"/> is unique in the drawing.</summary>
public sealed record DrawnBox(string Id, IReadOnlyList<DrawnSlot> Slots, Tone Tone = Tone.Plain);

/// <summary>A slot of a box; its markers are written under it (the tasks whose view is at this message).</summary>
public sealed record DrawnSlot(string Text, Tone Tone, IReadOnlyList<string> Markers)
{
    public DrawnSlot(string text, Tone tone = Tone.Plain) : this(text, tone, []) { }
}

/// <summary>An arrow from a box to a box or a panel (by id), with a short label ("X", "Y", "forwards").</summary>
public sealed record DrawnArrow(string From, string To, string Label, Tone Tone = Tone.Plain);
