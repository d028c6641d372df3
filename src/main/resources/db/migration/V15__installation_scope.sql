-- The installation scope (creating workspaces) goes to the bootstrap key only, never to a
-- workspace's admin keys. That is the first key of the default workspace (made at the first
-- start: the configured crier.bootstrap-api-key or the key printed then), and a key configured
-- later: the first "Bootstrap key" there with every scope, which earlier versions gave it at each
-- start.
update api_key set scopes = scopes || ',installation'
where workspace_id = '00000000-0000-4000-8000-000000000001'
  and (
      not exists (
          select 1 from api_key earlier
          where earlier.workspace_id = api_key.workspace_id
            and (earlier.created_at < api_key.created_at
                 or (earlier.created_at = api_key.created_at and earlier.id < api_key.id)))
      or (name = 'Bootstrap key' and scopes = 'read,write,send,admin'
          and not exists (
              select 1 from api_key earlier
              where earlier.workspace_id = api_key.workspace_id
                and earlier.name = api_key.name
                and earlier.scopes = api_key.scopes
                and (earlier.created_at < api_key.created_at
                     or (earlier.created_at = api_key.created_at and earlier.id < api_key.id)))));
