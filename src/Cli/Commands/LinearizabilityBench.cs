using System.Diagnostics;
using ModelCheck.Engine;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// The checker's figure for `bench`: 1,000-operation register histories from 10 concurrent clients, some
/// of whose operations never return, as recorded (linearizable) and with one read corrupted (the search
/// must exhaust every configuration before the read to say no; each pending operation multiplies them,
/// which is why that row uses the history with few crashes).
/// </summary>
public static class LinearizabilityBench
{
    public const int Operations = 1000;
    public const int Clients = 10;

    public static void Run(TextWriter o, int runs)
    {
        o.WriteLine($"linearizability: register histories of {Operations} operations from {Clients} concurrent clients; median of {runs} runs");
        o.WriteLine($"{"history",-40}{"pending",9}{"verdict",18}{"milliseconds",14}");
        var crashing = RegisterHistory(Operations, Clients, crashPerMille: 20, seed: 1);
        var steady = RegisterHistory(Operations, Clients, crashPerMille: 5, seed: 1);
        foreach (var (name, ops) in new[]
        {
            ("as recorded, clients crash often", crashing),
            ("as recorded, clients crash rarely", steady),
            ("crash rarely, a middle read corrupted", CorruptMiddleRead(steady)),
        })
        {
            var times = new List<double>();
            LinearizabilityResult? result = null;
            for (int run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                result = RegisterSpecification.Instance.Check(ops);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            string verdict = result!.IsLinearizable ? "linearizable" : "not linearizable";
            o.WriteLine($"{name,-40}{ops.Count(op => op.IsPending),9}{verdict,18}{times[runs / 2],14:F1}");
        }
    }

    /// <summary>
    /// A run of an atomic register: at each tick one random client invokes an operation, makes it take
    /// effect (its linearization point) or returns. Now and then a client crashes with an operation in
    /// flight, which stays pending whether or not it took effect, and a fresh client takes its place.
    /// </summary>
    public static IReadOnlyList<Operation> RegisterHistory(int count, int clients, int crashPerMille, ulong seed)
    {
        var random = new Xoshiro(seed);
        var ops = new List<Operation>();
        var inFlight = new (int Op, bool TookEffect)?[clients];
        var ids = Enumerable.Range(0, clients).ToArray();
        int nextId = clients;
        Value register = Value.Null;
        for (long time = 0; ops.Count < count || inFlight.Any(f => f is not null); time++)
        {
            int c = random.Next(clients);
            if (inFlight[c] is not { } flight)
            {
                if (ops.Count >= count) continue;
                int kind = random.Next(10);
                var (name, args) = kind < 5 ? ("read", Array.Empty<Value>())
                    : kind < 8 ? ("write", new Value[] { random.Next(5) })
                    : ("cas", new Value[] { random.Next(5), random.Next(5) });
                ops.Add(new Operation(ops.Count, ids[c], name, args, Value.Null, time, null));
                inFlight[c] = (ops.Count - 1, false);
            }
            else if (random.Next(1000) < crashPerMille)
            {
                inFlight[c] = null; // crashed: the operation stays pending
                ids[c] = nextId++;
            }
            else if (!flight.TookEffect)
            {
                var op = ops[flight.Op];
                register = RegisterSpecification.Instance.Apply(register, op, out var result);
                ops[flight.Op] = op with { Result = result };
                inFlight[c] = (flight.Op, true);
            }
            else
            {
                ops[flight.Op] = ops[flight.Op] with { Return = time };
                inFlight[c] = null;
            }
        }
        // A crashed operation's result is unknown.
        return ops.Select(op => op.IsPending ? op with { Result = Value.Null } : op).ToList();
    }

    /// <summary>A read in the middle made to return a value never written: the search must exhaust its space to say no.</summary>
    static IReadOnlyList<Operation> CorruptMiddleRead(IReadOnlyList<Operation> history)
    {
        var ops = history.ToList();
        int i = ops.FindIndex(ops.Count / 2, op => op.Name == "read" && !op.IsPending);
        ops[i] = ops[i] with { Result = 99 };
        return ops;
    }
}
