using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Tests.Unit.GoMap;

/// <summary>
/// The fidelity property both Go map models share: random single-goroutine scripts of assigns, updates,
/// deletes, lookups, ranges and clears against a plain Dictionary. After every operation every key of
/// the universe looks up as the dictionary says and len agrees; every range yields exactly the live keys,
/// each once, with their values. Any bug the model's own monitors (if attached) report fails it too.
/// </summary>
static class GoMapFidelity
{
    const int Universe = 48;

    // Half the keys are well mixed; half share their low ten bits in two classes, so classic chains
    // overflow, and Swiss keys of a class have one H2 (the key comparison after matchH2 matters) and
    // start probing at the same group, which fills, so probes pass through it and deletes leave tombstones.
    static readonly GoKey[] Keys = Enumerable.Range(0, Universe)
        .Select(i => i % 2 == 0 ? GoKeys.Mixed($"k{i}") : GoKeys.WithLowBits($"k{i}", (ulong)(i % 4 == 1 ? 0 : 5), 10))
        .ToArray();

    // An operation is two words: what to do (0..99) and which key.
    static readonly Arbitrary<int[]> Scripts = Arb.From(Gen.Choose(0, 999).ArrayOf().Select(w => w.Take(w.Length / 2 * 2).ToArray()));

    /// <summary>Checks <paramref name="tests"/> scripts; <paramref name="make"/> builds the model from the runtime and a size hint.</summary>
    public static void Check(int tests, Func<Runtime, int, IGoBuiltinMap> make)
    {
        var config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(tests).WithEndSize(300)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(7UL, 11UL), FSharpOption<int>.None)));
        FsCheck.Check.One(config, Prop.ForAll(Scripts, script => Agrees(make, script)));
    }

    static bool Agrees(Func<Runtime, int, IGoBuiltinMap> make, int[] script)
    {
        var scenario = new Scenario("fidelity", "", BugKind.None, rt => Run(rt, make, script));
        // Three executions: the random strategy varies the iteration starts.
        var report = Explorer.Explore(scenario, new TestConfiguration { Iterations = 3, Seed = (ulong)script.Length, Execution = new ExecutionSettings { MaxSteps = 100_000 } });
        Assert.True(report.Bugs.Count == 0, report.Bugs.Count == 0 ? "" : report.Bugs[0].Bug.Message);
        Assert.Equal(0, report.BoundReached);
        return true;
    }

    static async Task Run(Runtime rt, Func<Runtime, int, IGoBuiltinMap> make, int[] script)
    {
        var m = make(rt, script.Length > 0 ? script[0] % 12 : 0);
        var reference = new Dictionary<GoKey, int>();
        for (int at = 0; at + 1 < script.Length; at += 2)
        {
            int what = script[at] % 100;
            var key = Keys[script[at + 1] % Universe];
            string op;
            if (what < 55)
            {
                int value = at + 1;
                await m.Assign(key, value);
                reference[key] = value;
                op = $"m[{key}] = {value}";
            }
            else if (what < 80)
            {
                await m.Delete(key);
                reference.Remove(key);
                op = $"delete(m, {key})";
            }
            else if (what < 97)
            {
                op = "range over m";
                var seen = new Dictionary<GoKey, int>();
                for (var it = await m.Range(); it.Key is not null; await it.Next())
                    rt.Assert(seen.TryAdd(it.Key, it.Value), $"range yielded {it.Key} twice");
                rt.Assert(seen.Count == reference.Count && seen.All(kv => reference.TryGetValue(kv.Key, out int v) && v == kv.Value),
                    $"range yielded {Show(seen)}, the dictionary holds {Show(reference)}");
            }
            else
            {
                await m.Clear();
                reference.Clear();
                op = "clear(m)";
            }
            foreach (var probe in Keys)
            {
                var (found, value) = await m.Lookup(probe);
                bool expected = reference.TryGetValue(probe, out int want);
                rt.Assert(found == expected && (!found || value == want),
                    $"after {op} (operation {at / 2}): m[{probe}] is {(found ? value.ToString() : "absent")}, the dictionary says {(expected ? want.ToString() : "absent")}");
            }
            rt.Assert(m.Len() == reference.Count, $"after {op}: len(m) is {m.Len()}, the dictionary holds {reference.Count}");
        }
    }

    static string Show(Dictionary<GoKey, int> entries) =>
        "{" + string.Join(", ", entries.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")) + "}";
}
