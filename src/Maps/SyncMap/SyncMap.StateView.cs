using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Maps.SyncMap;

// The map's state for the HTML report's step slider (Runtime.AddStateView), as text and as a picture:
// misses, then read.m and dirty key by key with the entry each key points to and the entry's p (a value,
// nil for deleted, expunged for deleted and left out of dirty). read.m and dirty share entries, so the
// same entry name appears in both; the picture colours expunged entries and faints deleted ones.
// Ghost code: Peek only, so describing the map records no access and changes no schedule.
sealed partial class SyncMap
{
    string Header()
    {
        var r = read.Peek();
        return $"misses={misses.Peek()} amended={(r?.Amended == true ? "true" : "false")}";
    }

    string DescribeState()
    {
        var text = new StringBuilder(Header()).Append('\n');
        foreach (var (field, map) in Maps())
        {
            text.Append(field).Append(": ").Append(map?.Name ?? "nil").Append('\n');
            foreach (var (key, entry) in Entries(map)) text.Append($"  k{key} -> {entry.Name} = {Show(entry.Pointer)}\n");
        }
        return text.ToString();
    }

    StateDrawing DrawState()
    {
        var panels = Maps().Select(m => new DrawnPanel(m.Field, $"{m.Field}: {m.Map?.Name ?? "nil"}",
            Entries(m.Map).Select(e => new DrawnRow($"k{e.Key}",
                [new DrawnBox($"{m.Field}.k{e.Key}", [new DrawnSlot(e.Entry.Name), new DrawnSlot(Show(e.Entry.Pointer), ToneOf(e.Entry.Pointer))])], [])).ToList())).ToList();
        return new StateDrawing([Header()], panels, []);
    }

    IEnumerable<(string Field, BuiltinMap? Map)> Maps() => [("read.m", read.Peek()?.M), ("dirty", dirty.Peek())];

    static IEnumerable<(int Key, Entry Entry)> Entries(BuiltinMap? map) =>
        map is null ? [] : map.Contents.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value));

    static string Show(Boxed? pointer) => pointer?.ToString() ?? "nil";

    static Tone ToneOf(Boxed? pointer) =>
        pointer is null ? Tone.Empty : ReferenceEquals(pointer, Boxed.Expunged) ? Tone.Expunged : Tone.Plain;
}
