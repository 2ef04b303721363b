namespace ModelCheck.Models.Linearizability;

/// <summary>
/// A single atomic register, initially null: read() returns the value, write(v) replaces it,
/// cas(old, new) replaces it when it equals old and says whether it did.
/// </summary>
public sealed class RegisterSpecification : SequentialSpecification<Value>
{
    public static RegisterSpecification Instance { get; } = new();

    static readonly Signature[] Signatures =
    [
        new("read", 0, ResultShape.Value),
        new("write", 1, ResultShape.None),
        new("cas", 2, ResultShape.Boolean),
    ];

    public override string Name => "register";

    public override IReadOnlyList<Signature> Operations => Signatures;

    public override Value Initial => Value.Null;

    public override Value Apply(Value state, Operation op, out Value result)
    {
        switch (op.Name)
        {
            case "read":
                result = state;
                return state;
            case "write":
                result = Value.Null;
                return op.Args[0];
            default:
                bool swapped = state == op.Args[0];
                result = swapped;
                return swapped ? op.Args[1] : state;
        }
    }
}
