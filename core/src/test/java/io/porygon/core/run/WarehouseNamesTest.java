package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarehouseNamesTest {
    private final WarehouseNames names = new WarehouseNames(DatabaseMapping.IGNORE, "dataform");

    WarehouseNamesTest() {
        names.register(List.of(new DeclarationAction(new Target("p", "raw", "users"), ActionDescriptor.EMPTY,
                "definitions/users.sqlx", List.of(), 0)));
    }

    @Test
    void rewritesTheQualifiedNamesOfRegisteredTargets() {
        assertThat(names.rewriteReferences("SELECT u.id FROM `p.raw.users` AS u JOIN `p.raw.users` v USING (id)"))
                .isEqualTo("SELECT u.id FROM `raw.users` AS u JOIN `raw.users` v USING (id)");
    }

    @Test
    void leavesStringLiteralsCommentsAndUnknownNamesAlone() {
        String sql = """
                SELECT 'see `p.raw.users`' AS a, "`p.raw.users`" AS b, '''x `p.raw.users` ''' AS c, 'it\\'s `p.raw.users`' AS d
                -- from `p.raw.users`
                /* `p.raw.users` */ FROM `p.raw.users` JOIN `p.raw.orders` USING (id) # `p.raw.users`""";
        assertThat(names.rewriteReferences(sql)).isEqualTo("""
                SELECT 'see `p.raw.users`' AS a, "`p.raw.users`" AS b, '''x `p.raw.users` ''' AS c, 'it\\'s `p.raw.users`' AS d
                -- from `p.raw.users`
                /* `p.raw.users` */ FROM `raw.users` JOIN `p.raw.orders` USING (id) # `p.raw.users`""");
    }

    @Test
    void anEscapedQuoteDoesNotEndATripleQuotedString() {
        assertThat(names.rewriteReferences("SELECT '''it\\''' `p.raw.users`''' AS a FROM `p.raw.users`"))
                .isEqualTo("SELECT '''it\\''' `p.raw.users`''' AS a FROM `raw.users`");
    }

    @Test
    void anUnterminatedQuoteOrNameKeepsTheRestAsItIs() {
        assertThat(names.rewriteReferences("SELECT 1 FROM `p.raw.users")).isEqualTo("SELECT 1 FROM `p.raw.users");
        assertThat(names.rewriteReferences("SELECT '`p.raw.users`")).isEqualTo("SELECT '`p.raw.users`");
    }
}
