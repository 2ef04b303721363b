using System.Text;
using static ModelCheck.Maps.GoMap.TopHashes;

namespace ModelCheck.Maps.GoMap;

// The map's state as text for the HTML report's step slider (Runtime.AddStateView): the hmap fields,
// then every bucket of the current and the old array, slot by slot, with the evacuation cursor. Ghost
// code: Peek only, so describing the map records no access and changes no schedule.
public sealed partial class ClassicMap
{
    string DescribeState()
    {
        var text = new StringBuilder();
        text.Append($"B={b.Peek()} count={count.Peek()} flags={DescribeFlags(flags.Peek())} noverflow={noverflow.Peek()}");
        if (oldbuckets.Peek() is not null) text.Append($" nevacuate={nevacuate.Peek()}");
        text.Append('\n');
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

    static string DescribeSlot(Bucket bucket, int slot) => bucket.TopHash[slot].Peek() switch
    {
        EmptyRest => "-",
        EmptyOne => "empty",
        EvacuatedX => "evacX",
        EvacuatedY => "evacY",
        EvacuatedEmpty => "evacE",
        _ => $"{bucket.Keys[slot].Peek()?.Name ?? "0"}={bucket.Elems[slot].Peek()}",
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
