using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.Wrapped;

/// <summary>
/// A map split into shards, each a Mutex-guarded map; a key's shard comes from hash bits above the
/// bucket bits, so shard choice and bucket choice stay independent.
/// </summary>
public sealed class ShardedMap : IGoMapWrapper
{
    readonly MutexMap[] shards;

    public ShardedMap(Runtime rt, string name, GoMapConfig config, int shardCount)
    {
        shards = new MutexMap[shardCount];
        for (int i = 0; i < shardCount; i++) shards[i] = new MutexMap(rt, $"{name}.shard{i}", config);
    }

    MutexMap ShardOf(GoKey key) => shards[(int)((key.Hash >> 32) % (ulong)shards.Length)];

    public ValueTask<(bool Found, int Value)> Load(GoKey key) => ShardOf(key).Load(key);
    public ValueTask Store(GoKey key, int value) => ShardOf(key).Store(key, value);
    public ValueTask Delete(GoKey key) => ShardOf(key).Delete(key);
}
