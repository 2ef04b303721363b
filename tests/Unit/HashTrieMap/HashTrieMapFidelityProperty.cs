using FsCheck;
using FsCheck.Fluent;
using ModelCheck.Maps.HashTrieMap;

using static ModelCheck.Tests.Unit.SyncMap.SyncMapScript;

namespace ModelCheck.Tests.Unit.HashTrieMap;

/// <summary>
/// Fidelity of the HashTrieMap model against a plain Dictionary: the legacy sync.Map's script
/// (<see cref="SyncMap.SyncMapScript"/>: random single-task sequences of every operation, Range checked as
/// a set) with the HT monitors on, under an 8-bit hash whose six keys build two levels, two overflow chains
/// and nodes that expand and are pruned again, and under the faithful 64-bit hash.
/// </summary>
public sealed class HashTrieMapFidelityProperty
{
    // root[3] -> a node with chains [5] k1 k3 and [7] k2 k6, and k5 at [f]; root[7] holds k4.
    static readonly TrieHash Narrow = TrieHash.Narrow((1, 0x35), (2, 0x37), (3, 0x35), (4, 0x70), (5, 0x3F), (6, 0x37));

    static bool Agrees(TrieHash hash, int[] script, int keys) => SyncMap.SyncMapScript.Agrees(rt =>
    {
        var map = new Maps.HashTrieMap.HashTrieMap(rt, hash);
        rt.AddMonitor(new TrieInvariants(map));
        return map;
    }, script, keys);

    [Fact]
    public void Model_agrees_with_a_dictionary_under_a_narrow_hash() =>
        Check.One(Fixed(60), Prop.ForAll(Scripts, script => Agrees(Narrow, script, keys: 6)));

    [Fact]
    public void Model_agrees_with_a_dictionary_under_the_faithful_hash() =>
        Check.One(Fixed(30), Prop.ForAll(Scripts, script => Agrees(TrieHash.Faithful, script, keys: 4)));
}
