import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Where a PostgreSQL's time went, from pg_stat_statements (loaded by bench/EmbeddedPg.java with PG_STATEMENTS=1):
 * "reset" starts counting afresh, "top" prints the statements that took the most server time per call of the whole
 * run (calls, total and mean ms, rows), and the WAL written since the reset (pg_stat_wal): records, full-page images
 * and bytes, which unlike times do not move with what else the machine runs.
 *
 *   java -cp $(cat target/bench.classpath) bench/PgStatements.java JDBC_URL reset|top
 */
public final class PgStatements {

    private static final String TOP = "SELECT calls, round(total_exec_time) AS total_ms, "
            + "round(mean_exec_time::numeric, 3) AS mean_ms, rows, "
            + "left(regexp_replace(query, '\\s+', ' ', 'g'), 200) FROM pg_stat_statements "
            + "ORDER BY total_exec_time DESC LIMIT 20";

    private PgStatements() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
            if ("reset".equals(args[1])) {
                s.execute("SELECT pg_stat_statements_reset()");
                s.execute("SELECT pg_stat_reset_shared('wal')");
                return;
            }
            System.out.println("calls | total ms | mean ms | rows | statement");
            try (ResultSet rs = s.executeQuery(TOP)) {
                while (rs.next()) {
                    System.out.println(rs.getLong(1) + " | " + rs.getLong(2) + " | " + rs.getBigDecimal(3) + " | "
                            + rs.getLong(4) + " | " + rs.getString(5));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal")) {
                rs.next();
                System.out.println("WAL: " + rs.getLong(1) + " records, " + rs.getLong(2) + " full-page images, "
                        + rs.getLong(3) + " bytes");
            }
        }
    }
}
