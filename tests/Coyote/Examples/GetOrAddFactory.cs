using System.Collections.Concurrent;
using Microsoft.Coyote.SystematicTesting;
using ModelCheck.Coyote;


namespace ModelCheck.Tests.Coyote.Examples;

/// <summary>
/// ConcurrentDictionary.GetOrAdd runs its value factory outside its locks, so two callers that miss at
/// the same time both run it (documented .NET behaviour): a factory that opens a connection opens two,
/// and one leaks. Both callers still get the winner's connection; the side effect is what breaks, and
/// the report shows the recorded calls overlapping. The correct version stores a Lazy&lt;T&gt;: only the winner's Lazy is ever
/// read, so the connection is opened once.
/// Both factories log to a ConcurrentQueue: with concurrent-collection rewriting (IsRewritingConcurrentCollections,
/// on by default) that call is a scheduling point, so Coyote can switch callers inside the factory.
/// Lazy&lt;T&gt;'s own lock is in System.Private.CoreLib, which is not rewritten: Coyote must not switch
/// tasks inside Lazy's value factory (a caller blocked on that lock is invisible to it, and it reports a
/// potential deadlock), so the connection is opened there with no scheduling point, as in real code.
/// </summary>
public static class GetOrAddFactory
{
    sealed class Connection(string key, int serial)
    {
        public override string ToString() => $"{key}#{serial}";
    }

    sealed class Pool
    {
        public int Opened;
        public readonly ConcurrentQueue<string> Log = new();

        public Connection Open(string key)
        {
            int serial = ++Opened;   // the side effect the caller must not repeat
            return new Connection(key, serial);
        }
    }

    [Test]
    public static async Task GetOrAdd_runs_the_value_factory_twice()
    {
        var pool = new Pool();
        var connections = new ConcurrentDictionary<string, Connection>();
        var history = new CoyoteHistory(ModelCheck.Models.Linearizability.MapSpecification.Instance);
        async Task Caller(int client)
        {
            await Task.Yield();
            var call = history.Invoke(client, "GetOrAdd", "k1");
            var connection = connections.GetOrAdd("k1", key =>
            {
                pool.Log.Enqueue($"client {client} opens {key}");
                return pool.Open(key);
            });
            history.Return(call, connection.ToString());
        }
        // Awaited one by one: Coyote 1.7.11 does not control the params-span overload of Task.WhenAll.
        var first = Task.Run(() => Caller(1));
        var second = Task.Run(() => Caller(2));
        await first;
        await second;
        history.Assert(pool.Opened == 1,
            $"the value factory ran {pool.Opened} times for one key: {pool.Opened - 1} connection(s) opened and dropped ({string.Join("; ", pool.Log)})");
    }

    [Test]
    public static async Task GetOrAdd_with_Lazy_opens_once()
    {
        var pool = new Pool();
        var connections = new ConcurrentDictionary<string, Lazy<Connection>>();
        var history = new CoyoteHistory(ModelCheck.Models.Linearizability.MapSpecification.Instance);
        async Task Caller(int client)
        {
            await Task.Yield();
            var call = history.Invoke(client, "GetOrAdd", "k1");
            var connection = connections.GetOrAdd("k1", key =>
            {
                pool.Log.Enqueue($"client {client} creates a Lazy for {key}");
                return new Lazy<Connection>(() => pool.Open(key));
            }).Value;
            history.Return(call, connection.ToString());
        }
        // Awaited one by one: Coyote 1.7.11 does not control the params-span overload of Task.WhenAll.
        var first = Task.Run(() => Caller(1));
        var second = Task.Run(() => Caller(2));
        await first;
        await second;
        history.Assert(pool.Opened == 1, $"the connection was opened {pool.Opened} times ({string.Join("; ", pool.Log)})");
    }
}
