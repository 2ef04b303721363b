using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using ModelCheck.Engine;
using ModelCheck.Maps.SyncMap;

namespace ModelCheck.Tests.Unit.SyncMap;

/// <summary>
/// Random single-task sequences of every sync.Map operation (Clear included), run on a model in one
/// execution against a plain Dictionary: every result must be the dictionary's, Range must produce exactly
/// the live pairs (each once, in any order), and the model's monitors must stay quiet. Both sync.Map models
/// (legacy and HashTrieMap) are checked by the same script.
/// </summary>
static class SyncMapScript
{
    public static Config Fixed(int tests) => Config.QuickThrowOnFailure.WithMaxTest(tests).WithEndSize(300)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(5UL, 3UL), FSharpOption<int>.None)));

    // An operation is three words: which operation, which key, which value.
    public static readonly Arbitrary<int[]> Scripts = Arb.From(Gen.Choose(0, 999).ArrayOf().Select(w => w.Take(w.Length / 3 * 3).ToArray()));

    /// <summary>Runs <paramref name="script"/> over keys 1..<paramref name="keys"/> on the map <paramref name="create"/> makes (with its monitors).</summary>
    public static bool Agrees(Func<Runtime, ISyncMap> create, int[] script, int keys)
    {
        var scenario = new Scenario("fidelity", "", BugKind.None, rt => Run(create(rt), script, keys));
        var report = Explorer.Explore(scenario, new TestConfiguration { Iterations = 1, Execution = new ExecutionSettings { MaxSteps = 100_000 } });
        Assert.True(report.Bugs.Count == 0, report.Bugs.Count == 0 ? "" : report.Bugs[0].Bug.Message);
        Assert.Equal(0, report.BoundReached);
        return true;
    }

    static async Task Run(ISyncMap map, int[] script, int keys)
    {
        var reference = new SortedDictionary<int, int>();
        for (int at = 0; at + 2 < script.Length; at += 3)
        {
            int key = 1 + script[at + 1] % keys, value = script[at + 2] % 3;
            bool present = reference.TryGetValue(key, out int current);
            switch (script[at] % 10)
            {
                case 0:
                    Assert.Equal(present ? (current, true) : (0, false), await map.Load(key));
                    break;
                case 1:
                    await map.Store(key, value);
                    reference[key] = value;
                    break;
                case 2:
                    Assert.Equal(present ? (current, true) : (value, false), await map.LoadOrStore(key, value));
                    reference[key] = present ? current : value;
                    break;
                case 3:
                    Assert.Equal(present ? (current, true) : (0, false), await map.LoadAndDelete(key));
                    reference.Remove(key);
                    break;
                case 4:
                    await map.Delete(key);
                    reference.Remove(key);
                    break;
                case 5:
                    Assert.Equal(present ? (current, true) : (0, false), await map.Swap(key, value));
                    reference[key] = value;
                    break;
                case 6:
                    bool swap = present && current == value;
                    Assert.Equal(swap, await map.CompareAndSwap(key, value, value + 1));
                    if (swap) reference[key] = value + 1;
                    break;
                case 7:
                    bool delete = present && current == value;
                    Assert.Equal(delete, await map.CompareAndDelete(key, value));
                    if (delete) reference.Remove(key);
                    break;
                case 8:
                    await map.Clear();
                    reference.Clear();
                    break;
                default:
                    Assert.Equal(reference.Select(p => (p.Key, p.Value)).ToList(), (await map.Range()).OrderBy(p => p.Key).ToList());
                    break;
            }
        }
    }
}
