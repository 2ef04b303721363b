using System.Collections.Generic;
using Microsoft.Coyote.SystematicTesting;
using ModelCheck.Coyote;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Tests.Coyote.Examples;

/// <summary>
/// A cache on a Dictionary that checks, then acts: ContainsKey under the lock, the lock released, then
/// the write under the lock again. Two callers can both miss and both write: the first caller's value
/// is lost and both report that they added it, which no order of the calls explains.
/// Coyote needs nothing beyond its defaults: `lock` is rewritten into a controlled monitor, and each
/// acquisition is a scheduling point.
/// </summary>
public static class CheckThenActCache
{
    sealed class Cache
    {
        readonly Dictionary<string, int> entries = [];
        readonly object gate = new();

        /// <summary>Returns the cached value and true, or adds <paramref name="value"/> and returns it and false.</summary>
        public (int Value, bool Loaded) GetOrAdd(string key, int value)
        {
            lock (gate)
            {
                if (entries.TryGetValue(key, out var cached)) return (cached, true);
            }
            // The bug: between the check above and the write below, another caller can add the key.
            lock (gate)
            {
                entries[key] = value;
            }
            return (value, false);
        }

        public int? Get(string key)
        {
            lock (gate) return entries.TryGetValue(key, out var v) ? v : null;
        }
    }

    [Test]
    public static async Task Check_then_act_loses_an_update()
    {
        var cache = new Cache();
        var history = new CoyoteHistory(MapSpecification.Instance);
        async Task Caller(int client, int value)
        {
            await Task.Yield();
            var call = history.Invoke(client, "LoadOrStore", "k1", value);
            var (actual, loaded) = cache.GetOrAdd("k1", value);
            history.Return(call, Value.List(actual, loaded));
        }
        // Awaited one by one: Coyote 1.7.11 does not control the params-span overload of Task.WhenAll.
        var first = Task.Run(() => Caller(1, 10));
        var second = Task.Run(() => Caller(2, 20));
        await first;
        await second;
        var read = history.Invoke(0, "Load", "k1");
        history.Return(read, cache.Get("k1") is { } v ? v : Value.Null);
        history.AssertLinearizable();
    }
}
