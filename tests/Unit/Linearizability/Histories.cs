using ModelCheck.Models.Linearizability;

namespace ModelCheck.Tests.Unit.Linearizability;

/// <summary>Builds hand-made histories tersely: one call per operation, ids in order of appearance.</summary>
sealed class Histories
{
    readonly List<Operation> ops = [];

    public Histories Op(int client, string name, Value[] args, Value result, long call, long? ret)
    {
        ops.Add(new Operation(ops.Count, client, name, args, result, call, ret));
        return this;
    }

    public Histories Pending(int client, string name, Value[] args, long call) => Op(client, name, args, Value.Null, call, null);

    public IReadOnlyList<Operation> Build() => ops;

    public static Value[] Args(params Value[] values) => values;
}
