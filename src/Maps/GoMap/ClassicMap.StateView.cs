using System.Text;
using ModelCheck.Engine;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

// The map's state for the HTML report's step slider (Runtime.AddStateView), as text and as a picture: the
// hmap fields, then every bucket of the current and the old array, slot by slot, with the evacuation
// cursor; the picture colours evacuated old buckets and their marks, draws each old bucket's arrows to
// its X and Y destinations (solid once evacuated), and marks the slot each live iterator last yielded.
// Ghost code: Peek only, so describing the map records no access and changes no schedule.
public sealed partial class ClassicMap
{
    string Header() =>
        $"B={b.Peek()} count={count.Peek()} flags={DescribeFlags(flags.Peek())} noverflow={noverflow.Peek()}"
        + (oldbuckets.Peek() is not null ? $" nevacuate={nevacuate.Peek()}" : "");

    string DescribeState()
    {
        var text = new StringBuilder();
        text.Append(Header()).Append('\n');
        AppendArray(text, "buckets", buckets.Peek(), cursor: -1);
        if (oldbuckets.Peek() is { } old) AppendArray(text, "oldbuckets", old, nevacuate.Peek());
        return text.ToString();
    }

    void AppendArray(StringBuilder text, string field, BucketArray? array, int cursor)
    {
        text.Append(field).Append(": ").Append(array?.ToString() ?? "nil").Append('\n');
        if (array is null) return;
        for (int i = 0; i < array.Length; i++)
        {
            text.Append($"  [{i}]");
            for (var bucket = array[i]; bucket is not null; bucket = bucket.Overflow.Peek())
            {
                if (bucket != array[i]) text.Append(" ->");
                for (int slot = 0; slot < bucketCnt; slot++) text.Append(' ').Append(DescribeSlot(bucket, slot));
            }
            if (i == cursor) text.Append("   <- nevacuate");
            text.Append('\n');
        }
    }

    StateDrawing DrawState()
    {
        var panels = new List<DrawnPanel>();
        var arrows = new List<DrawnArrow>();
        // Two iterators may stand at the same slot: both names go under it.
        var positions = iterators.Select((it, n) => (it.GhostPosition, Name: $"it{n + 1}")).Where(p => p.GhostPosition is not null)
            .GroupBy(p => p.GhostPosition!.Value).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p.Name)));
        var current = buckets.Peek();
        panels.Add(DrawArray("buckets", current, cursor: -1, positions));
        if (oldbuckets.Peek() is { } old)
        {
            panels.Add(DrawArray("oldbuckets", old, nevacuate.Peek(), positions));
            // Evacuation sends old bucket i to new bucket i (X) and, when the array doubled, to i + len(old) (Y).
            for (int i = 0; i < old.Length; i++)
            {
                var tone = GhostEvacuated(old[i]) ? Tone.Evacuated : Tone.Empty;
                arrows.Add(new DrawnArrow($"oldbuckets[{i}]", $"buckets[{i}]", "X", tone));
                if (current is not null && current.Length == 2 * old.Length) arrows.Add(new DrawnArrow($"oldbuckets[{i}]", $"buckets[{i + old.Length}]", "Y", tone));
            }
        }
        return new StateDrawing([Header()], panels, arrows);
    }

    DrawnPanel DrawArray(string field, BucketArray? array, int cursor, Dictionary<(Bucket, int), string> positions)
    {
        var rows = new List<DrawnRow>();
        for (int i = 0; array is not null && i < array.Length; i++)
        {
            var boxes = new List<DrawnBox>();
            for (var bucket = array[i]; bucket is not null; bucket = bucket.Overflow.Peek())
            {
                var slots = Enumerable.Range(0, bucketCnt).Select(slot =>
                {
                    var tophash = bucket.TopHash.Peek(slot);
                    var tone = IsEvacuatedMark(tophash) ? Tone.Evacuated : IsEmpty(tophash) ? Tone.Empty : Tone.Plain;
                    return positions.TryGetValue((bucket, slot), out var iterator) ? new DrawnSlot(DescribeSlot(bucket, slot), Tone.Marked, [iterator])
                        : new DrawnSlot(DescribeSlot(bucket, slot), tone);
                }).ToList();
                boxes.Add(new DrawnBox(boxes.Count == 0 ? $"{field}[{i}]" : $"{field}[{i}].overflow{boxes.Count}", slots,
                    field == "oldbuckets" && GhostEvacuated(bucket) ? Tone.Evacuated : Tone.Plain));
            }
            rows.Add(new DrawnRow($"[{i}]", boxes, i == cursor ? ["nevacuate"] : []));
        }
        return new DrawnPanel(field, $"{field}: {array?.ToString() ?? "nil"}", rows);
    }

    /// <summary>Go's evacuated(b) for ghost code: the first tophash holds an evacuation mark.</summary>
    static bool GhostEvacuated(Bucket bucket) => IsEvacuatedMark(bucket.TopHash.Peek(0));

    static string DescribeSlot(Bucket bucket, int slot) => bucket.TopHash.Peek(slot) switch
    {
        EmptyRest => "-",
        EmptyOne => "empty",
        EvacuatedX => "evacX",
        EvacuatedY => "evacY",
        EvacuatedEmpty => "evacE",
        _ => $"{bucket.Keys.Peek(slot)?.Name ?? "0"}={bucket.Elems.Peek(slot)}",
    };

    static string DescribeFlags(byte value)
    {
        var names = new List<string>();
        if ((value & Iterator) != 0) names.Add("iterator");
        if ((value & OldIterator) != 0) names.Add("oldIterator");
        if ((value & HashWriting) != 0) names.Add("hashWriting");
        if ((value & SameSizeGrow) != 0) names.Add("sameSizeGrow");
        return names.Count == 0 ? "0" : string.Join("|", names);
    }
}
