using System.Collections.Concurrent;
using Microsoft.Coyote.SystematicTesting;
using ModelCheck.Coyote;


namespace ModelCheck.Tests.Coyote.Examples;

/// <summary>
/// ConcurrentDictionary.AddOrUpdate calls its update function, then tries to store the result with a
/// compare-and-swap; if another caller changed the value in between, it calls the function again. An
/// update function with a side effect (here: appending to an audit log) is not idempotent, so the
/// effect happens twice for one call. The balances stay right; the log does not.
/// The audit log is a ConcurrentQueue: with concurrent-collection rewriting (IsRewritingConcurrentCollections,
/// on by default) appending to it is a scheduling point, so Coyote can switch callers inside the update.
/// </summary>
public static class AddOrUpdateSideEffect
{
    [Test]
    public static async Task AddOrUpdate_runs_a_non_idempotent_update_twice()
    {
        var balances = new ConcurrentDictionary<string, int>();
        balances["acct"] = 100;
        var audit = new ConcurrentQueue<string>();
        var history = new CoyoteHistory(ModelCheck.Models.Linearizability.MapSpecification.Instance);
        async Task Deposit(int client, int amount)
        {
            await Task.Yield();
            var call = history.Invoke(client, "AddOrUpdate", "acct", amount);
            int updated = balances.AddOrUpdate("acct", amount, (_, current) =>
            {
                audit.Enqueue($"client {client}: {current} + {amount}");   // the non-idempotent side effect
                return current + amount;
            });
            history.Return(call, updated);
        }
        // Awaited one by one: Coyote 1.7.11 does not control the params-span overload of Task.WhenAll.
        var first = Task.Run(() => Deposit(1, 10));
        var second = Task.Run(() => Deposit(2, 20));
        await first;
        await second;
        history.Assert(audit.Count == 2,
            $"2 deposits wrote {audit.Count} audit entries: {string.Join("; ", audit)} (balance {balances["acct"]})");
    }
}
