import { Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router-dom';

/** A real button that navigates inside the app (no link nested around a button). */
export function LinkButton({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  return <Button {...props} onClick={() => navigate(to)} />;
}
