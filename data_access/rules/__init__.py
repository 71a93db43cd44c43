"""Domain rules as plain definitions, shared by every query: the fiscal year and the period a
view reads, the risk score, the KPIs and the province metrics, and the point-in-time conditions
and geographic scope that the queries compose."""
