using ModelCheck.Models.Linearizability;
using static ModelCheck.Tests.Unit.Linearizability.Histories;

namespace ModelCheck.Tests.Unit.Linearizability;

public sealed class RegisterHistoryTests
{
    static LinearizabilityResult Check(Histories h) => RegisterSpecification.Instance.Check(h.Build());

    [Fact]
    public void A_read_overlapping_a_write_may_see_either_value()
    {
        var old = new Histories()
            .Op(0, "write", Args(1), Value.Null, 1, 2)
            .Op(1, "write", Args(2), Value.Null, 3, 8)
            .Op(2, "read", [], 1, 4, 6)
            .Op(2, "read", [], 2, 7, 9);
        Assert.True(Check(old).IsLinearizable);
    }

    [Fact]
    public void A_read_after_a_completed_write_cannot_see_the_older_value()
    {
        var stale = new Histories()
            .Op(0, "write", Args(1), Value.Null, 1, 2)
            .Op(0, "write", Args(2), Value.Null, 3, 4)
            .Op(1, "read", [], 1, 5, 6);
        var result = Check(stale);
        Assert.False(result.IsLinearizable);
        Assert.Equal(3, result.Witness!.Operations.Count);
    }

    [Fact]
    public void Reads_cannot_see_two_values_go_back_and_forth()
    {
        // Two sequential reads by one client see 2 then 1 while only write(1) then write(2) happened.
        var flicker = new Histories()
            .Op(0, "write", Args(1), Value.Null, 1, 10)
            .Op(1, "write", Args(2), Value.Null, 2, 10)
            .Op(2, "read", [], 2, 3, 4)
            .Op(2, "read", [], 1, 5, 6)
            .Op(3, "read", [], 2, 7, 8);
        Assert.False(Check(flicker).IsLinearizable);
    }

    [Fact]
    public void Two_successful_cas_from_the_same_old_value_are_not_linearizable()
    {
        var h = new Histories()
            .Op(0, "write", Args(0), Value.Null, 1, 2)
            .Op(1, "cas", Args(0, 1), true, 3, 6)
            .Op(2, "cas", Args(0, 2), true, 4, 7);
        Assert.False(Check(h).IsLinearizable);
    }

    [Fact]
    public void A_failed_cas_is_explained_by_a_concurrent_successful_one()
    {
        var h = new Histories()
            .Op(0, "write", Args(0), Value.Null, 1, 2)
            .Op(1, "cas", Args(0, 1), true, 3, 6)
            .Op(2, "cas", Args(0, 2), false, 4, 7)
            .Op(0, "read", [], 1, 8, 9);
        Assert.True(Check(h).IsLinearizable);
    }

    [Fact]
    public void A_pending_write_may_have_taken_effect()
    {
        var h = new Histories()
            .Pending(0, "write", Args(5), 1)
            .Op(1, "read", [], 5, 2, 3);
        Assert.True(Check(h).IsLinearizable);
    }

    [Fact]
    public void A_pending_write_may_not_have_taken_effect()
    {
        var h = new Histories()
            .Op(0, "write", Args(1), Value.Null, 1, 2)
            .Pending(0, "write", Args(5), 3)
            .Op(1, "read", [], 1, 4, 5)
            .Op(1, "read", [], 1, 6, 7);
        Assert.True(Check(h).IsLinearizable);
    }

    [Fact]
    public void A_pending_write_takes_effect_at_most_once()
    {
        // The pending write may land between the reads but the value cannot then revert to 1.
        var h = new Histories()
            .Op(0, "write", Args(1), Value.Null, 1, 2)
            .Pending(0, "write", Args(5), 3)
            .Op(1, "read", [], 5, 4, 5)
            .Op(1, "read", [], 1, 6, 7);
        Assert.False(Check(h).IsLinearizable);
    }

    [Fact]
    public void Identical_pending_writes_each_take_effect_once()
    {
        Histories TwiceOverwritten(int pendingFives)
        {
            var h = new Histories().Op(0, "write", Args(1), Value.Null, 1, 2);
            for (int i = 0; i < pendingFives; i++) h.Pending(2 + i, "write", Args(5), 3);
            return h.Op(1, "read", [], 5, 4, 5)
                .Op(0, "write", Args(1), Value.Null, 6, 7)
                .Op(1, "read", [], 5, 8, 9);
        }
        Assert.True(Check(TwiceOverwritten(2)).IsLinearizable);
        Assert.False(Check(TwiceOverwritten(1)).IsLinearizable);
    }

    [Fact]
    public void A_pending_write_cannot_act_before_it_was_called()
    {
        var h = new Histories()
            .Op(1, "read", [], 5, 1, 2)
            .Pending(0, "write", Args(5), 3);
        Assert.False(Check(h).IsLinearizable);
    }

    [Fact]
    public void An_operation_returning_at_a_time_precedes_one_called_at_that_time()
    {
        var h = new Histories()
            .Op(0, "write", Args(1), Value.Null, 1, 3)
            .Op(0, "read", [], Value.Null, 3, 4);
        Assert.False(Check(h).IsLinearizable);
    }

    [Fact]
    public void The_witness_is_a_table_of_the_overlapping_operations()
    {
        var h = new Histories()
            .Op(0, "write", Args(4), Value.Null, 2, 9)
            .Op(1, "read", [], 4, 3, 5)
            .Op(2, "read", [], Value.Null, 6, 8);
        var text = Check(h).Explain(RegisterSpecification.Instance);
        Assert.Equal(
            """
            not linearizable: no order of these 3 operations on the register that respects real time explains their results
              task  operation  result  call  return  timeline
              0     write(4)              2       9  [---------]
              1     read()     4          3       5    [-]
              2     read()     absent     6       8        [-]
            """.ReplaceLineEndings("\n"), text);
    }
}
