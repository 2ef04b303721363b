using System.Runtime.CompilerServices;
using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// The reference state of map-algorithms.md §1.15. make(hint = 20 [5]) gives B = 2; 26 [6] keys fill the
/// four buckets without overflow, with a (low bits 010) and b (110) in bucket 2, c (011) and d (111) in
/// bucket 3. Inserting t (000) then starts a doubling grow whose growWork(0) evacuates old buckets 0
/// and 1, leaving 2 and 3 unevacuated (S_mid). u (011) later evacuates 3 then 2, completing the grow.
/// Bracketed numbers are the reduced configuration's (bucketCnt 2).
/// </summary>
public sealed class MidGrowState
{
    // An array, not the interface, so that looking every key up walks it without an enumerator.
    readonly GoKey[] filled;

    MidGrowState(ClassicMap map, GoKey[] filled)
    {
        Map = map;
        this.filled = filled;
    }

    public ClassicMap Map { get; }
    public IReadOnlyList<GoKey> Filled => filled;
    public GoKey A => Filled[0];
    public GoKey B => Filled[1];
    public GoKey C => Filled[2];
    public GoKey D => Filled[3];
    public static GoKey T { get; } = GoKeys.WithLowBits("t", 0b000, 3);
    public static GoKey U { get; } = GoKeys.WithLowBits("u", 0b011, 3);

    public static int ValueOf(GoKey key) => 1000 + key.Name.Length * 37 + key.Name[^1];

    /// <summary>m[key] = ValueOf(key): how every key of the reference state is inserted.</summary>
    public ValueTask Insert(GoKey key) => Map.Assign(key, ValueOf(key));

    /// <summary>Looks every filled key up, in the order they were inserted.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder))]
    public async ValueTask LookUpFilled()
    {
        foreach (var key in filled) await Map.Lookup(key);
    }

    /// <summary>The pre-grow state: B = 2, every bucket filled without overflow, no grow yet.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public static async ValueTask<MidGrowState> BuildPreGrow(Runtime rt, GoMapConfig config)
    {
        bool faithful = config.BucketCnt == 8;
        var map = ClassicMap.Make(rt, "m", config, hint: faithful ? 20 : 5).Monitored();
        var state = new MidGrowState(map, faithful ? FaithfulKeys : ReducedKeys);
        foreach (var key in state.filled) await state.Insert(key);
        return state;
    }

    // Made once: keys are immutable, and every execution of every scenario on this state inserts the same ones.
    static readonly GoKey[] FaithfulKeys = FilledKeys([7, 7, 4, 4]), ReducedKeys = FilledKeys([1, 1, 0, 0]);

    /// <summary>a, b, c, d, then per bucket <paramref name="fillers"/> keys alternating between the X and Y halves: 26 [6] keys in all.</summary>
    static GoKey[] FilledKeys(int[] fillers)
    {
        var keys = new List<GoKey>
        {
            GoKeys.WithLowBits("a", 0b010, 3), GoKeys.WithLowBits("b", 0b110, 3),
            GoKeys.WithLowBits("c", 0b011, 3), GoKeys.WithLowBits("d", 0b111, 3),
        };
        for (int bucket = 0; bucket < 4; bucket++)
            for (int n = 0; n < fillers[bucket]; n++)
                keys.Add(GoKeys.WithLowBits($"f{bucket}.{n}", (ulong)(bucket | (n % 2) << 2), 3));
        return [.. keys];
    }

    /// <summary>S_mid: the pre-grow state plus t, which starts the grow and evacuates old buckets 0 and 1.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public static async ValueTask<MidGrowState> BuildMid(Runtime rt, GoMapConfig config)
    {
        var state = await BuildPreGrow(rt, config);
        await state.Insert(T);
        return state;
    }
}
